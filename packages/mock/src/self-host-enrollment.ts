/**
 * The organization's self-hosted data-plane enrollment, as far as approval rules care. The
 * emulator is one organization: while an enrollment is live, a create or update that leaves a
 * rule enabled answers 409.
 */
export interface SelfHostEnrollment {
  /** When it stops authenticating (RFC 3339); null or absent: never. */
  expires_at?: string | null;
  /** When it was revoked (RFC 3339); null or absent: not revoked. */
  revoked_at?: string | null;
}

/**
 * Whether the enrollment is live at `now`: not revoked and not expired. The contract does not
 * define "live"; this is the reading of SelfHostEnrollment's fields (`revoked_at` null = active,
 * `expires_at` = when it stops authenticating).
 */
export function enrollmentIsLive(enrollment: SelfHostEnrollment | undefined, now: Date): boolean {
  if (enrollment === undefined) return false;
  if (enrollment.revoked_at !== undefined && enrollment.revoked_at !== null) {
    if (Date.parse(enrollment.revoked_at) <= now.getTime()) return false;
  }
  const expires = enrollment.expires_at;
  return expires === undefined || expires === null || Date.parse(expires) > now.getTime();
}
