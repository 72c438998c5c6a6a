import { randomBytes } from 'node:crypto';
import { PersonalDataCipher } from './personal-data-cipher';

describe('personal data at rest', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));

  it('round-trips a document number and never stores it in clear', () => {
    const stored = cipher.encrypt('22010219900307123X');
    expect(stored).not.toContain('22010219900307123X');
    expect(stored).not.toBe(cipher.encrypt('22010219900307123X'));
    expect(cipher.decrypt(stored)).toBe('22010219900307123X');
  });

  it('detects a tampered value', () => {
    const [version, iv, tag, body] = cipher.encrypt('22010219900307123X').split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
  });

  it('gives a stable lookup hash per key, different under another key', () => {
    expect(cipher.lookupHash('resident_id', '22010219900307123X')).toBe(
      cipher.lookupHash('resident_id', '22010219900307123X'),
    );
    expect(cipher.lookupHash('passport', '22010219900307123X')).not.toBe(
      cipher.lookupHash('resident_id', '22010219900307123X'),
    );
    expect(new PersonalDataCipher(randomBytes(32)).lookupHash('resident_id', 'X')).not.toBe(
      cipher.lookupHash('resident_id', 'X'),
    );
  });
});
