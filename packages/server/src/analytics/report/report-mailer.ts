import nodemailer, { type Transporter } from 'nodemailer';

/** Sends a finished report. */
export interface ReportMailer {
  send(input: { to: string[]; subject: string; html: string; pdf: Buffer | null; filename: string }): Promise<void>;
}

/**
 * The monthly report by e-mail through the SMTP server of SMTP_URL (nodemailer): the HTML as the
 * message body, the PDF attached when there is one.
 */
export class SmtpReportMailer implements ReportMailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(input: { to: string[]; subject: string; html: string; pdf: Buffer | null; filename: string }): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: input.to,
      subject: input.subject,
      html: input.html,
      attachments: input.pdf ? [{ filename: `${input.filename}.pdf`, content: input.pdf, contentType: 'application/pdf' }] : [],
    });
  }
}
