// Files the diff tests share.

/** An exception of CVE-2026-0001 on payroll, approved by InfoSec unless `approval` says otherwise (null: none). */
export function exceptionFile(o: { id?: string; approval?: string | null; revisit?: string } = {}): string {
  const approval = o.approval === null ? '' : (o.approval ?? 'approval:\n  approved_by: carol@example.com\n  approved_on: 2026-11-21\n');
  return `id: ${o.id ?? 'EXC-1'}
vulnerabilities: [CVE-2026-0001]
groups: [payroll]
requested_by: bob@example.com
requested_on: 2026-11-20
reason: Vendor certifies builds quarterly
revisit_on: ${o.revisit ?? '2026-12-15'}
${approval}`;
}
