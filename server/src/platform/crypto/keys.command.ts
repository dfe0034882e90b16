import type { Db } from '../db/db.ts';
import { keyAudit, type AuditWriter, type KeyAudit } from './keys.audit.ts';
import {
  keyInventory,
  reencryptAll,
  retireUnusedKeys,
  rotateKeys,
  type EncryptedTable,
} from './keys.ts';
import type { Vault } from './vault.ts';

export const keysUsage = `  keys list        the key inventory: every data key, its version, KEK, created, rows per version
  keys rotate      new data key versions (new writes use them), re-wrap under the newest KEK,
                   then re-encrypt older rows in batches with progress (--no-reencrypt: leave
                   it to the server's background job, which sweeps every ten minutes)
  keys rotate --index
                   the same for the blind-index keys: new index key versions, then recompute
                   every blind index from the decrypted values (look-ups match old and new
                   versions meanwhile; --no-reencrypt works here too)
  keys reencrypt   resume re-encrypting and re-indexing rows still under older versions
  keys retire      destroy older data and index key versions that no row uses any more
  keys new-kek     create the next key-encryption key version (local file or PKCS#11 token);
                   run keys rotate afterwards to re-wrap every data key under it`;

export const keysSubcommands = ['list', 'rotate', 'reencrypt', 'retire', 'new-kek'] as const;

/** The audit trail's name for the CLI when it acts on keys. */
export const keysCliJob = 'keys.cli';

interface KeysContext {
  db: Db;
  vault: Vault;
  tables: EncryptedTable[];
  print: (line: string) => void;
  /** Where every key operation's event goes (the audit module's writer). */
  audit: AuditWriter;
}

/**
 * `hourglass keys …`: prints through `print` (the CLI's stdout); returns the exit code. Every
 * operation on keys leaves events (keys.audit.ts); one that throws leaves a `failed` event for the
 * step it was in, and the error still reaches the CLI (exit 1).
 */
export async function runKeysCommand(args: string[], ctx: KeysContext): Promise<number> {
  const audit = keyAudit(ctx.audit, keysCliJob);
  const step = { action: '', resourceType: 'data_key' };
  try {
    return await dispatch(args, { ...ctx, audit, step });
  } catch (err) {
    if (step.action) await audit.failed(step);
    throw err;
  }
}

async function dispatch(
  args: string[],
  ctx: Omit<KeysContext, 'audit'> & {
    audit: KeyAudit;
    step: { action: string; resourceType: string };
  },
): Promise<number> {
  const [sub, ...flags] = args;
  const { db, vault, tables, print, audit, step } = ctx;
  const reencrypt = async () => {
    Object.assign(step, { action: 'keys.reencrypt', resourceType: 'data_key' });
    const n = await reencryptAll(db, vault, tables, {
      audit,
      onProgress: (p) =>
        print(
          `  ${p.dataClass === 'index' ? 're-indexed' : 're-encrypted'} ${p.done} rows of ${p.table} for organization ${p.organizationId}; ${p.remaining} to go`,
        ),
    });
    // Nothing left to move still leaves a trace that the command ran.
    if (n === 0) await audit.record({ ...step, organizationId: null, resourceIds: [] });
    print(
      `Re-encrypted or re-indexed ${n} rows. Older versions can now be retired with: hourglass keys retire`,
    );
  };
  if (sub === 'list' && flags.length === 0) {
    const rows = await keyInventory(db, tables);
    print(['id', 'organization', 'class', 'version', 'kek', 'created', 'state', 'rows'].join('\t'));
    for (const k of rows) {
      const state = k.retiredAt ? `retired ${k.retiredAt}` : k.current ? 'current' : 'active';
      const counts = Object.entries(k.rows)
        .map(([t, n]) => `${t}=${n}`)
        .join(',');
      print(
        [
          k.id,
          k.organizationId,
          k.dataClass,
          `v${k.version}`,
          `kek v${k.kekVersion}`,
          k.createdAt,
          state,
          counts || '-',
        ].join('\t'),
      );
    }
    if (rows.length === 0)
      print('No data keys yet: they are created with the first encrypted write.');
    return 0;
  }
  const rotateFlags = new Set(flags);
  if (
    sub === 'rotate' &&
    rotateFlags.size === flags.length &&
    flags.every((f) => f === '--no-reencrypt' || f === '--index')
  ) {
    const index = rotateFlags.has('--index');
    Object.assign(step, { action: index ? 'keys.index.rotate' : 'keys.rotate' });
    const r = await rotateKeys(db, vault, index ? ['index'] : undefined, audit);
    print(
      `Rotated: ${r.created.length} new ${index ? 'index' : 'data'} key versions, ${r.rewrapped} data keys re-wrapped under KEK v${r.kekVersion}.`,
    );
    for (const c of r.created) print(`  ${c.organizationId} ${c.dataClass} now v${c.version}`);
    if (!rotateFlags.has('--no-reencrypt')) await reencrypt();
    return 0;
  }
  if (sub === 'reencrypt' && flags.length === 0) {
    await reencrypt();
    return 0;
  }
  if (sub === 'new-kek' && flags.length === 0) {
    Object.assign(step, { action: 'keys.new_kek', resourceType: 'kek' });
    if (!vault.keyring.newKek) {
      await audit.failed(step);
      print(
        `The ${vault.keyring.kind} keyring takes new keys from its operator: add a version to HOURGLASS_KEYRING_KEYS, restart, then run hourglass keys rotate.`,
      );
      return 1;
    }
    const version = await vault.keyring.newKek();
    await audit.record({ ...step, resourceId: `${version}`, organizationId: null });
    print(`Created key-encryption key version ${version}. Now run: hourglass keys rotate`);
    return 0;
  }
  if (sub === 'retire' && flags.length === 0) {
    Object.assign(step, { action: 'keys.retire' });
    const r = await retireUnusedKeys(db, vault, tables, audit);
    for (const k of r.retired) print(`  retired ${k.organizationId} ${k.dataClass} v${k.version}`);
    for (const k of r.stillInUse) {
      print(`  kept ${k.organizationId} ${k.dataClass} v${k.version}: ${k.rows} rows still use it`);
    }
    print(`Retired ${r.retired.length} data key versions.`);
    return r.stillInUse.length > 0 ? 1 : 0;
  }
  return 2;
}
