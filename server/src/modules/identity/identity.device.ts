import { isIP } from 'node:net';

/** "Firefox on Windows" from a user agent: enough to recognize a device, nothing more kept. */
export function deviceLabel(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const ua = userAgent.slice(0, 512);
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl\//i.test(ua)
            ? 'curl'
            : 'Browser';
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown system';
  return `${browser} on ${os}`;
}

/**
 * A coarse location from the source address: the network, never the full address nor a place
 * (the bundled country database serves the audit trail's sign-in country, not this label).
 * "Local network" for loopback and private ranges.
 */
export function coarseLocation(ip: string | undefined): string {
  if (!ip) return 'Unknown';
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    if (a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31))
      return 'Local network';
    return `Network ${a}.${b}.x.x`;
  }
  if (isIP(ip) === 6) {
    if (ip === '::1' || /^f[cd]/i.test(ip) || /^fe80/i.test(ip)) return 'Local network';
    return `Network ${ip.split(':').slice(0, 3).join(':')}::/48`;
  }
  return 'Unknown';
}
