import {
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPES,
  maskDocument,
  parseDocument,
  parseDocumentType,
} from './documents';

// Valid numbers, check characters computed by hand with GB 11643's MOD 11-2.
const RESIDENT_ID = '220102198807151236'; // 长春市南关区, 1988-07-15, male
const HK_RESIDENCE_PERMIT = '810000199001011230'; // 港澳居民居住证, 1990-01-01, male
const PERMANENT_RESIDENCE_2023 = '91220119850501007X'; // 2023 card, check X
const today = '2025-06-30';

function errorCode(type: Parameters<typeof parseDocument>[0], input: string): string | undefined {
  const result = parseDocument(type, input, { today });
  return result.ok ? undefined : result.error.code;
}

describe('parseDocument', () => {
  it('parses a resident ID with its birth date, gender and region', () => {
    expect(parseDocument('resident_id', RESIDENT_ID, { today })).toEqual({
      ok: true,
      value: {
        type: 'resident_id',
        number: RESIDENT_ID,
        birthDate: '1988-07-15',
        gender: 'male',
        regionCode: '220102',
      },
    });
  });

  it('takes a Hong Kong residence permit (810000…) as a resident ID', () => {
    const result = parseDocument('resident_id', HK_RESIDENCE_PERMIT, { today });
    expect(result.ok && result.value.type === 'resident_id' && result.value.birthDate).toBe(
      '1990-01-01',
    );
  });

  it('asks for the resident ID type when an ID or residence permit is given as another document', () => {
    for (const type of ['hk_macau_permit', 'taiwan_permit', 'passport'] as const) {
      expect(errorCode(type, RESIDENT_ID)).toBe('document.looks_like_resident_id');
      expect(errorCode(type, HK_RESIDENCE_PERMIT)).toBe('document.looks_like_resident_id');
    }
  });

  describe('港澳居民来往内地通行证', () => {
    it('accepts H or M and 8 digits, in any case and with spaces', () => {
      expect(parseDocument('hk_macau_permit', 'h 1234 5678')).toEqual({
        ok: true,
        value: { type: 'hk_macau_permit', number: 'H12345678' },
      });
      expect(parseDocument('hk_macau_permit', 'M87654321').ok).toBe(true);
    });

    it('stores the lifelong 9 characters when the 2-digit renewal count is included', () => {
      const first = parseDocument('hk_macau_permit', 'H1234567800');
      const renewed = parseDocument('hk_macau_permit', 'H1234567801');
      expect(first.ok && first.value.number).toBe('H12345678');
      expect(renewed.ok && renewed.value.number).toBe('H12345678');
    });

    it('rejects other letters and lengths, quoting the example format', () => {
      const result = parseDocument('hk_macau_permit', 'K12345678');
      expect(!result.ok && result.error.message['zh-CN']).toBe(
        '港澳居民来往内地通行证号码应为 H 或 M 加 8 位数字（如 H12345678），实为“K12345678”',
      );
      expect(errorCode('hk_macau_permit', 'H1234567')).toBe('document.hk_macau_permit_format');
      expect(errorCode('hk_macau_permit', 'H123456789')).toBe('document.hk_macau_permit_format');
    });
  });

  describe('台湾居民来往大陆通行证', () => {
    it('accepts 8 digits, including full-width ones', () => {
      expect(parseDocument('taiwan_permit', '０１２３４５６７')).toEqual({
        ok: true,
        value: { type: 'taiwan_permit', number: '01234567' },
      });
    });

    it('rejects the old booklet numbers and other lengths', () => {
      expect(errorCode('taiwan_permit', '1234567890(B)')).toBe('document.taiwan_permit_format');
      expect(errorCode('taiwan_permit', '1234567')).toBe('document.taiwan_permit_format');
    });
  });

  describe('外国人永久居留身份证', () => {
    it('accepts the 2017 card: 3 letters and 12 digits', () => {
      expect(parseDocument('foreign_permanent_residence', 'usa 310 580 101 001')).toEqual({
        ok: true,
        value: { type: 'foreign_permanent_residence', number: 'USA310580101001' },
      });
    });

    it('accepts the 2023 card: 18 characters starting with 9 with a MOD 11-2 check (x too)', () => {
      expect(
        parseDocument('foreign_permanent_residence', PERMANENT_RESIDENCE_2023.toLowerCase()),
      ).toEqual({
        ok: true,
        value: { type: 'foreign_permanent_residence', number: PERMANENT_RESIDENCE_2023 },
      });
    });

    it('names the expected check character of a 2023 card', () => {
      const result = parseDocument('foreign_permanent_residence', '912201198505010077');
      expect(!result.ok && result.error.code).toBe(
        'document.foreign_permanent_residence_check_character',
      );
      expect(!result.ok && result.error.params).toEqual({ expected: 'X', actual: '7' });
    });

    it('rejects other shapes', () => {
      for (const input of ['US310580101001', 'USA31058010100', '812201198505010076', 'P1234567']) {
        expect(errorCode('foreign_permanent_residence', input)).toBe(
          'document.foreign_permanent_residence_format',
        );
      }
    });
  });

  describe('护照', () => {
    it('accepts 5–20 letters and digits, upper-cased', () => {
      expect(parseDocument('passport', 'e1234567 8')).toEqual({
        ok: true,
        value: { type: 'passport', number: 'E12345678' },
      });
      expect(parseDocument('passport', 'AB123').ok).toBe(true);
      expect(parseDocument('passport', 'A'.repeat(20)).ok).toBe(true);
    });

    it('rejects shorter, longer and punctuated numbers, and empty cells', () => {
      expect(errorCode('passport', 'AB12')).toBe('document.passport_format');
      expect(errorCode('passport', 'A'.repeat(21))).toBe('document.passport_format');
      expect(errorCode('passport', 'E1234-5678')).toBe('document.passport_format');
      expect(errorCode('passport', ' ')).toBe('document.empty');
    });
  });
});

describe('parseDocumentType', () => {
  it('reads codes, Chinese and English names and common short names', () => {
    const cases: Array<[string, string]> = [
      ['resident_id', 'resident_id'],
      ['居民身份证', 'resident_id'],
      [' 身份证 ', 'resident_id'],
      ['港澳居民居住证', 'resident_id'],
      ['台湾居民居住证', 'resident_id'],
      ['回乡证', 'hk_macau_permit'],
      ['台胞证', 'taiwan_permit'],
      ['永居证', 'foreign_permanent_residence'],
      ['Passport', 'passport'],
      ['护照', 'passport'],
    ];
    for (const [input, type] of cases) {
      const result = parseDocumentType(input);
      expect({ input, type: result.ok && result.value }).toEqual({ input, type });
    }
  });

  it('does not take 港澳通行证 (the mainland residents’ travel permit) for an identity document', () => {
    const result = parseDocumentType('港澳通行证');
    expect(!result.ok && result.error.code).toBe('document.type_unknown');
    expect(!result.ok && result.error.message['zh-CN']).toContain('居民身份证');
  });

  it('has a name in both languages for every type', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(DOCUMENT_TYPE_NAMES[type]['zh-CN']).not.toBe('');
      expect(DOCUMENT_TYPE_NAMES[type].en).not.toBe('');
    }
  });
});

describe('maskDocument', () => {
  it('keeps the region and the last 4 characters of a resident ID', () => {
    expect(maskDocument('resident_id', '22010219900101005X')).toBe('220102********005X');
  });

  it('keeps the first character and the last 2 of other documents', () => {
    expect(maskDocument('hk_macau_permit', 'H12345678')).toBe('H******78');
    expect(maskDocument('taiwan_permit', '01234567')).toBe('0*****67');
    expect(maskDocument('foreign_permanent_residence', 'USA310580101001')).toBe('U************01');
    expect(maskDocument('passport', 'E1234')).toBe('E**34');
  });

  it('hides everything when a number is too short to mask that way', () => {
    expect(maskDocument('passport', 'AB1')).toBe('***');
    expect(maskDocument('resident_id', '2201')).toBe('****');
  });
});
