import { randomBytes } from 'node:crypto';
import { CertificateCodeSigner } from './certificate-code';

describe('certificate codes', () => {
  const signer = new CertificateCodeSigner(randomBytes(32));

  it('accepts a code it signed and gives back its serial', () => {
    const serial = signer.newSerial();
    const code = signer.sign(serial);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(signer.verify(code)).toBe(serial);
    expect(signer.verify(`  ${code} `)).toBe(serial);
  });

  it('rejects a code with any single character changed', () => {
    const code = signer.sign(signer.newSerial());
    for (let index = 0; index < code.length; index++) {
      if (code[index] === '.') continue;
      const replacement = code[index] === 'A' ? 'B' : 'A';
      const altered = code.slice(0, index) + replacement + code.slice(index + 1);
      expect(signer.verify(altered)).toBeNull();
    }
  });

  it('rejects codes signed with another key, malformed codes and empty input', () => {
    const other = new CertificateCodeSigner(randomBytes(32));
    expect(signer.verify(other.sign(other.newSerial()))).toBeNull();
    const serial = signer.newSerial();
    expect(signer.verify(`${serial}.${serial}`)).toBeNull();
    expect(signer.verify(serial)).toBeNull();
    expect(signer.verify('')).toBeNull();
    expect(signer.verify(`${signer.sign(serial)}x`)).toBeNull();
  });

  it('makes serials that do not repeat', () => {
    const serials = new Set(Array.from({ length: 1000 }, () => signer.newSerial()));
    expect(serials.size).toBe(1000);
  });
});
