import type { CompetitionStatistics, StatisticsCount } from '@jingsai/contracts';
import ExcelJS from 'exceljs';

function countSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  heading: string,
  rows: readonly StatisticsCount[],
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [
    { header: heading, key: 'label', width: 36 },
    { header: '人数', key: 'count', width: 12 },
  ];
  for (const row of rows) sheet.addRow({ label: row.label, count: row.count });
  sheet.getRow(1).font = { bold: true };
}

/** The statistics as an XLSX workbook with Chinese sheet names and headers, one sheet per figure. */
export async function statisticsWorkbook(stats: CompetitionStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jingsai';
  workbook.created = new Date(stats.generatedAt);

  const summary = workbook.addWorksheet('概况');
  summary.columns = [
    { header: '项目', key: 'k', width: 24 },
    { header: '数值', key: 'v', width: 40 },
  ];
  summary.addRow({ k: '竞赛名称', v: stats.competitionName });
  summary.addRow({ k: '统计时间', v: stats.generatedAt });
  summary.addRow({ k: '参赛人数（已通过）', v: stats.participants });
  summary.addRow({ k: '报名总数（各状态）', v: stats.registrations });
  for (const row of stats.byStatus) summary.addRow({ k: `报名：${row.label}`, v: row.count });
  summary.getRow(1).font = { bold: true };

  countSheet(workbook, '地区', '地区', stats.byRegion);
  countSheet(workbook, '行业', '行业', stats.byIndustry);
  countSheet(workbook, '企业', '企业', stats.byEnterprise);
  countSheet(workbook, '性别', '性别', stats.byGender);
  countSheet(workbook, '年龄段', '年龄段', stats.byAgeBand);
  countSheet(workbook, '技能等级', '技能等级', stats.bySkillLevel);
  countSheet(workbook, '项目', '竞赛项目', stats.byEvent);

  const perDay = workbook.addWorksheet('每日报名');
  perDay.columns = [
    { header: '日期', key: 'date', width: 14 },
    { header: '当日报名', key: 'count', width: 12 },
    { header: '累计报名', key: 'cumulative', width: 12 },
  ];
  for (const row of stats.registrationsPerDay) perDay.addRow(row);
  perDay.getRow(1).font = { bold: true };

  const scores = workbook.addWorksheet('成绩分布');
  scores.columns = [
    { header: '竞赛项目', key: 'event', width: 24 },
    { header: '成绩版本', key: 'version', width: 10 },
    { header: '分数段（起）', key: 'from', width: 14 },
    { header: '分数段（止）', key: 'to', width: 14 },
    { header: '人数', key: 'count', width: 10 },
  ];
  for (const event of stats.scoreDistribution) {
    if (event.bins.length === 0) {
      scores.addRow({ event: event.eventName, version: '未公布' });
      continue;
    }
    for (const bin of event.bins) {
      scores.addRow({
        event: event.eventName,
        version: event.resultVersion,
        from: bin.from,
        to: bin.to,
        count: bin.count,
      });
    }
  }
  scores.getRow(1).font = { bold: true };

  const judges = workbook.addWorksheet('裁判一致性');
  judges.columns = [
    { header: '竞赛项目', key: 'event', width: 24 },
    { header: '裁判', key: 'judge', width: 16 },
    { header: '评分数', key: 'marks', width: 10 },
    { header: '平均偏差', key: 'mean', width: 12 },
    { header: '平均绝对偏差', key: 'abs', width: 14 },
  ];
  for (const row of stats.judgeConsistency) {
    judges.addRow({
      event: row.eventName,
      judge: row.judgeName,
      marks: row.marks,
      mean: row.meanDeviation,
      abs: row.meanAbsoluteDeviation,
    });
  }
  judges.getRow(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
