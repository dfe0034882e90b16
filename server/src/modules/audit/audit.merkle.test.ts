import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from './audit.merkle.ts';

// The RFC 6962 reference inputs and roots used by Certificate Transparency implementations.
const inputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('the Merkle tree of a checkpoint (RFC 6962)', () => {
  it('gives the reference roots for trees of one to eight leaves', () => {
    const leaves = inputs.map(leafHash);
    for (let n = 1; n <= 8; n++) {
      expect(merkleRoot(leaves.slice(0, n)).toString('hex'), `${n} leaves`).toBe(roots[n - 1]);
    }
  });

  it('proves every leaf of every tree size up to 20 into its root, and nothing else', () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(`event ${i}`));
      const root = merkleRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root), `${i} of ${n}`).toBe(true);
        expect(verifyInclusion(leafHash('forged'), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      }
    }
  });

  it('keeps leaves and inner nodes apart, so a node cannot pose as a leaf', () => {
    const a = leafHash('a');
    const b = leafHash('b');
    const root = merkleRoot([a, b]);
    expect(merkleRoot([leafHash(Buffer.concat([a, b]))]).equals(root)).toBe(false);
  });
});
