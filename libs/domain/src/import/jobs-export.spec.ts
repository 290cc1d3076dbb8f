import { describe, expect, it } from 'vitest';
import { jobExportHeader } from './jobs-export.js';
import { readJobsTable } from './jobs-import.js';

describe('jobExportHeader', () => {
  it('puts the setting columns, sorted, before scheduled_for and the read-only columns last', () => {
    expect(jobExportHeader(['odometer_source', 'gps'])).toEqual([
      'vin', 'license_plate', 'kind', 'template', 'title', 'description', 'instructions',
      'device_serial', 'device_model', 'firmware', 'installation_variant', 'central_lock_connection_type', 'fuel_type',
      'setting.gps', 'setting.odometer_source',
      'scheduled_for', 'assigned_installer_company_id',
      'job_id', 'status', 'service_partner', 'created_at',
    ]);
  });

  it('writes a header the jobs import accepts, its read-only columns ignored', () => {
    const header = jobExportHeader(['gps']);
    const cells: Record<string, string> = { vin: 'WVWZZZ1JZ3W386752', kind: 'maintenance', firmware: '5.1', 'setting.gps': 'on', job_id: 'not-read', status: 'RUNNING', service_partner: 'Fit & Fix', created_at: 'yesterday' };
    const read = readJobsTable({ header, records: [{ line: 2, fields: header.map((column) => cells[column] ?? '') }] }, '2026-11-23');
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      expect.objectContaining({ kind: 'MAINTENANCE', configuration: expect.objectContaining({ firmware: '5.1', settings: { gps: 'on' } }) }),
    ]);
  });

  it('still refuses a column neither the import nor the export knows', () => {
    const read = readJobsTable({ header: ['vin', 'kind', 'colour'], records: [] }, '2026-11-23');
    expect(read.problems).toEqual([expect.objectContaining({ row: 1, column: 'colour' })]);
  });
});
