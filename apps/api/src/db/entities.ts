import { Organization } from '../modules/organization/organization.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { User } from '../modules/user/user.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { ApiKey } from '../modules/api-key/api-key.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { OutboxEmail } from '../modules/mail/outbox-email.entity.js';
import { PartnerInvitation } from '../modules/invitation/partner-invitation.entity.js';
import { ImportBatch } from '../modules/import/import-batch.entity.js';
import { ImportUpload, ImportUploadChunk } from '../modules/import/import-upload.entity.js';
import { Vehicle } from '../modules/vehicle/vehicle.entity.js';
import { VehicleAssignment } from '../modules/vehicle/vehicle-assignment.entity.js';
import { AccessGrant } from '../modules/vehicle/access-grant.entity.js';
import { Owner } from '../modules/owner/owner.entity.js';
import { OwnerAnnotation } from '../modules/owner/owner-annotation.entity.js';
import { OwnerVehicleAccess } from '../modules/owner/owner-vehicle-access.entity.js';
import { Job } from '../modules/job/job.entity.js';
import { JobTemplate } from '../modules/job/job-template.entity.js';
import { JobEvent } from '../modules/job/job-event.entity.js';
import { ServerSetting } from '../common/db/server-setting.entity.js';

/** Every entity, listed once (explicit discovery: no folder scanning at start). */
export const entities = [
  Organization, Partner, User, Session, ApiKey, AuditEvent, OutboxEmail, PartnerInvitation, ImportBatch,
  Vehicle, VehicleAssignment, AccessGrant, Owner, OwnerAnnotation, OwnerVehicleAccess,
  Job, JobTemplate, JobEvent,
  ImportUpload, ImportUploadChunk,
  ServerSetting,
];
