import QRCode from 'qrcode';
import { PdfWriter } from './pdf-writer';

export interface CertificateContent {
  recipientName: string;
  enterprise: string | null;
  competitionName: string;
  eventName: string;
  award: string;
  organiserName: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  code: string;
  verifyUrl: string;
}

/** 2026-11-21 → 2026年11月21日 */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function drawQr(pdf: PdfWriter, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  pdf.doc.fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (qr.modules.get(row, column)) pdf.doc.rect(x + column * cell, y + row * cell, cell, cell);
    }
  }
  pdf.doc.fill();
}

function drawCertificate(pdf: PdfWriter, content: CertificateContent): void {
  const { doc } = pdf;
  const width = pdf.pageWidth;
  const height = pdf.pageHeight;
  doc
    .lineWidth(6)
    .strokeColor('#b8860b')
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1.5)
    .strokeColor('#b8860b')
    .rect(36, 36, width - 72, height - 72)
    .stroke();
  pdf.line('获奖证书', 0, 80, {
    size: 40,
    weight: 'bold',
    width,
    align: 'center',
    color: '#a40000',
    spacing: 24,
  });

  const left = 110;
  const textWidth = width - 2 * left;
  let y = 170;
  pdf.line(`${content.recipientName}：`, left, y, { size: 22, weight: 'bold', width: textWidth });
  y += 46;
  y = pdf.paragraph(
    `\u3000\u3000在${content.competitionName}${content.eventName}项目中，成绩优异，荣获${content.award}。`,
    left,
    y,
    textWidth,
    { size: 18, lineGap: 6 },
  );
  y = pdf.paragraph('\u3000\u3000特发此证，以资鼓励。', left, y + 4, textWidth, {
    size: 18,
    lineGap: 6,
  });
  if (content.enterprise) {
    pdf.line(`工作单位：${content.enterprise}`, left, y + 8, {
      size: 12,
      width: textWidth,
      color: '#333333',
    });
  }

  const right = width - 110;
  pdf.line(content.organiserName, right - 300, height - 170, {
    size: 16,
    width: 300,
    align: 'right',
  });
  pdf.line(chineseDate(content.issuedOn), right - 300, height - 140, {
    size: 16,
    width: 300,
    align: 'right',
  });

  const qrSize = 96;
  drawQr(pdf, content.verifyUrl, 70, height - 70 - qrSize - 26, qrSize);
  pdf.line('扫码验证证书真伪', 70, height - 70 - 22, { size: 8, width: qrSize, align: 'center' });
  pdf.line(`证书编号：${content.code}`, 70, height - 60, { size: 7, color: '#555555' });
}

/** Certificates, one A4 landscape page each, in one PDF. */
export async function certificatesPdf(contents: readonly CertificateContent[]): Promise<Buffer> {
  const pdf = new PdfWriter({
    title: contents.length === 1 ? `获奖证书 ${contents[0]!.recipientName}` : '获奖证书',
    landscape: true,
    margin: 0,
  });
  contents.forEach((content, index) => {
    if (index > 0) pdf.doc.addPage();
    drawCertificate(pdf, content);
  });
  return pdf.toBuffer();
}
