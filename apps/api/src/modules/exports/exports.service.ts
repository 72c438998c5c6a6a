import {
  DOCUMENT_TYPE_NAMES,
  type DocumentType,
  type ExportKind,
  type ExportQuery,
  type ExportRow,
  type ExportSheet,
  maskMobile,
} from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../common/auth/auth-user';
import { PersonalDataCipher } from '../../common/crypto/personal-data-cipher';
import { ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CompetitionSession } from '../competitions/entities/competition-session.entity';
import { RoundNotDrawnError } from '../draw/draw.errors';
import { sessionView } from '../draw/draw.service';
import { localTime } from '../draw/local-time';
import { Draw } from '../draw/entities/draw.entity';
import { RoundEntry } from '../draw/entities/round-entry.entity';
import { RoundAccessService } from '../draw/round-access.service';
import { Registration } from '../registrations/entities/registration.entity';

export const EXPORT_TITLES: Record<ExportKind, string> = {
  roster: '花名册',
  'sign-in': '签到表',
  stations: '工位安排',
};

interface Column {
  header: string;
  width: number;
  value: (row: ExportRow, index: number) => string | number | null;
}

const GENDER = { male: '男', female: '女' } as const;

function documentTypeName(type: string | null): string | null {
  return type && type in DOCUMENT_TYPE_NAMES
    ? DOCUMENT_TYPE_NAMES[type as DocumentType]['zh-CN']
    : type;
}

/** The columns of each sheet; the team column only in team events. */
export function exportColumns(kind: ExportKind, teamEvent: boolean): Column[] {
  const team: Column[] = teamEvent
    ? [{ header: '队名', width: 18, value: (row) => row.teamName }]
    : [];
  switch (kind) {
    case 'roster':
      return [
        { header: '序号', width: 6, value: (_row, index) => index + 1 },
        { header: '参赛号', width: 12, value: (row) => row.candidateNumber },
        ...team,
        { header: '姓名', width: 12, value: (row) => row.name },
        { header: '性别', width: 6, value: (row) => (row.gender ? GENDER[row.gender] : null) },
        { header: '证件类型', width: 14, value: (row) => documentTypeName(row.documentType) },
        { header: '证件号码', width: 22, value: (row) => row.documentNumber },
        { header: '工作单位', width: 26, value: (row) => row.enterpriseName },
        { header: '地区', width: 10, value: (row) => row.region },
        { header: '手机号', width: 14, value: (row) => row.mobile },
        { header: '工位', width: 6, value: (row) => row.station },
      ];
    case 'sign-in':
      return [
        { header: '序号', width: 6, value: (_row, index) => index + 1 },
        { header: '参赛号', width: 12, value: (row) => row.candidateNumber },
        ...team,
        { header: '姓名', width: 12, value: (row) => row.name },
        { header: '工作单位', width: 26, value: (row) => row.enterpriseName },
        { header: '证件号码', width: 22, value: (row) => row.documentNumber },
        { header: '工位', width: 6, value: (row) => row.station },
        { header: '签名', width: 18, value: () => null },
      ];
    case 'stations':
      return [
        { header: '工位', width: 8, value: (row) => row.station },
        { header: '参赛号', width: 12, value: (row) => row.candidateNumber },
        ...team,
        { header: '姓名', width: 12, value: (row) => row.name },
        { header: '工作单位', width: 26, value: (row) => row.enterpriseName },
      ];
  }
}

/**
 * Rosters (花名册), sign-in sheets (签到表) and station plans (工位安排) of a drawn round, per
 * session, as data for the printable page and as XLSX. Documents and phones are masked unless an
 * organiser explicitly asks for the full roster, which is audited.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundAccessService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
  ) {}

  async buildSheet(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    kind: ExportKind,
    query: ExportQuery,
  ): Promise<ExportSheet> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    if (!(await this.rounds.isOrganiser(user, competitionId))) throw new ForbiddenError();
    const full = query.full && kind === 'roster';
    const draw = await this.em.findOne(Draw, { round, supersededAt: null });
    if (!draw) throw new RoundNotDrawnError();
    const sessions = await this.em.find(
      CompetitionSession,
      { round, ...(query.sessionId ? { id: query.sessionId } : {}) },
      { orderBy: { startsAt: 'asc', id: 'asc' } },
    );
    const entries = await this.em.find(
      RoundEntry,
      { round, draw, session: { $in: sessions } },
      { populate: ['registration.person.enterprise', 'team'], orderBy: { station: 'asc' } },
    );
    const teamIds = entries.flatMap((entry) => (entry.team ? [entry.team.id] : []));
    const members =
      teamIds.length > 0
        ? await this.em.find(
            Registration,
            { team: { $in: teamIds }, status: 'approved' },
            { populate: ['person.enterprise'], orderBy: { person: { name: 'asc' } } },
          )
        : [];

    const rowsOf = (entry: RoundEntry): ExportRow[] => {
      const people = entry.team
        ? members.filter((member) => member.team?.id === entry.team!.id)
        : entry.registration
          ? [entry.registration]
          : [];
      return people.map(({ person }) => ({
        candidateNumber: entry.team?.candidateNumber ?? entry.registration?.candidateNumber ?? null,
        teamName: entry.team?.name ?? null,
        name: person.name,
        gender: person.gender,
        enterpriseName: person.enterprise?.name ?? null,
        region: person.enterprise?.region ?? null,
        documentType: person.documentType,
        documentNumber:
          full && person.documentEncrypted
            ? this.cipher.decrypt(person.documentEncrypted)
            : person.documentMasked,
        mobile: person.mobile && !full ? maskMobile(person.mobile) : person.mobile,
        station: entry.station,
      }));
    };
    const byNumber = (a: RoundEntry, b: RoundEntry) => {
      const x = a.team?.candidateNumber ?? a.registration?.candidateNumber ?? '';
      const y = b.team?.candidateNumber ?? b.registration?.candidateNumber ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const sheet: ExportSheet = {
      kind,
      competitionName: round.event.competition.name,
      eventName: round.event.name,
      roundName: round.name,
      full,
      sessions: sessions.map((session) => {
        const own = entries.filter((entry) => entry.session?.id === session.id);
        if (kind !== 'stations') own.sort(byNumber);
        return { session: sessionView(session), rows: own.flatMap(rowsOf) };
      }),
    };
    if (full) {
      this.audit.record({
        actorId: user.id,
        action: 'export.full_roster',
        subjectType: 'round',
        subjectId: round.id,
        after: {
          sessionId: query.sessionId ?? null,
          people: sheet.sessions.reduce((sum, part) => sum + part.rows.length, 0),
        },
      });
      await this.em.flush();
    }
    return sheet;
  }

  async buildWorkbook(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    kind: ExportKind,
    query: ExportQuery,
  ): Promise<{ fileName: string; body: Buffer }> {
    const sheet = await this.buildSheet(user, competitionId, roundId, kind, query);
    const round = await this.rounds.loadRound(competitionId, roundId);
    const timeZone = round.event.competition.timezone;
    const teamEvent = round.event.kind === 'team';
    const columns = exportColumns(kind, teamEvent);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jingsai';
    const names = new Set<string>();
    sheet.sessions.forEach(({ session, rows }, index) => {
      let name = `第${index + 1}场 ${session.venue}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
      while (names.has(name)) name = `${name.slice(0, 28)}-${index + 1}`;
      names.add(name);
      const worksheet = workbook.addWorksheet(name, {
        pageSetup: {
          paperSize: 9, // A4
          orientation: kind === 'roster' ? 'landscape' : 'portrait',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '2:2',
        },
      });
      worksheet.columns = columns.map((column) => ({ width: column.width }));
      const title = `${sheet.competitionName} ${sheet.eventName} ${sheet.roundName} ${EXPORT_TITLES[kind]}（${localTime(new Date(session.startsAt), timeZone)}–${localTime(new Date(session.endsAt), timeZone).slice(11)} ${session.venue}）`;
      worksheet.addRow([title]);
      worksheet.mergeCells(1, 1, 1, columns.length);
      worksheet.getRow(1).font = { bold: true, size: 14 };
      const header = worksheet.addRow(columns.map((column) => column.header));
      header.font = { bold: true };
      rows.forEach((row, rowIndex) => {
        const line = worksheet.addRow(columns.map((column) => column.value(row, rowIndex)));
        if (kind === 'sign-in') line.height = 28;
      });
      for (let r = 2; r <= worksheet.rowCount; r++) {
        worksheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
          cell.border = {
            top: { style: 'thin' },
            left: { style: 'thin' },
            bottom: { style: 'thin' },
            right: { style: 'thin' },
          };
        });
      }
    });
    if (sheet.sessions.length === 0) workbook.addWorksheet('无场次');
    const fileName = `${sheet.eventName}-${sheet.roundName}-${EXPORT_TITLES[kind]}${sheet.full ? '（完整证件号）' : ''}.xlsx`;
    return { fileName, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }
}
