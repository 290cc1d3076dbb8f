import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { ViewerFieldsResolver } from '../modules/auth/viewer.fields.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import { PreferencesResolver } from '../modules/user/preferences.resolver.js';
import { ApiKeyResolver } from '../modules/api-key/api-key.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { MailboxResolver } from '../modules/mail/mailbox.resolver.js';
import { PartnerResolver } from '../modules/partner/partner.resolver.js';
import { PartnerFieldsResolver } from '../modules/partner/partner.fields.resolver.js';
import { InvitationResolver } from '../modules/invitation/invitation.resolver.js';
import { ImportBatchResolver } from '../modules/import/import-batch.resolver.js';
import { PartnersCsvResolver } from '../modules/partner/partners-csv.resolver.js';
import { VehiclesCsvResolver } from '../modules/vehicle/vehicles-csv.resolver.js';
import { JobsImportResolver } from '../modules/job/jobs-import.resolver.js';
import { VehicleResolver } from '../modules/vehicle/vehicle.resolver.js';
import { JobResolver } from '../modules/job/job.resolver.js';
import { JobLiveResolver } from '../modules/job/job-live.resolver.js';
import { JobEventFieldsResolver, JobFieldsResolver } from '../modules/job/job.fields.resolver.js';
import { OwnerResolver } from '../modules/owner/owner.resolver.js';
import { OwnerFieldsResolver } from '../modules/owner/owner.fields.resolver.js';
import { OwnerVehicleAccessFieldsResolver, VehicleAccessEntryFieldsResolver, VehicleAssignmentFieldsResolver, VehicleFieldsResolver } from '../modules/vehicle/vehicle.fields.resolver.js';
import { PartnerVehicleFieldsResolver } from '../modules/vehicle/vehicle.fields.resolver.js';
import { JobTemplateResolver } from '../modules/job/job-template.resolver.js';
import { JobTemplateFieldsResolver } from '../modules/job/job-template.fields.resolver.js';
import { DashboardResolver } from '../modules/dashboard/dashboard.resolver.js';

/** The one list of resolvers. */
export const resolvers = [
  AuthResolver, ViewerFieldsResolver, UserResolver, PreferencesResolver, ApiKeyResolver, AuditResolver, MailboxResolver, PartnerResolver, PartnerFieldsResolver, InvitationResolver, ImportBatchResolver, PartnersCsvResolver,
  VehicleResolver, VehicleFieldsResolver, VehicleAssignmentFieldsResolver, VehicleAccessEntryFieldsResolver, OwnerVehicleAccessFieldsResolver,
  VehiclesCsvResolver,
  OwnerResolver, OwnerFieldsResolver,
  PartnerVehicleFieldsResolver,
  JobResolver, JobFieldsResolver, JobEventFieldsResolver, JobLiveResolver,
  JobTemplateResolver, JobTemplateFieldsResolver,
  JobsImportResolver,
  DashboardResolver,
] as const;
