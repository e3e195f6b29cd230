import { describe, expect, it } from 'vitest';
import { cleanText, htmlToText } from '../../../src/ingest/normalize/html.ts';

describe('htmlToText', () => {
  it('unescapes NHS descriptions (entity-escaped HTML) and keeps the paragraph breaks', () => {
    // The first NHS Jobs posting, as published (no-break spaces included).
    const nhs =
      '&lt;p&gt;Arlesey Medical Centre is looking for a Salaried GP\u00a0flexible on days, hours, sessions\u00a0to join our small and friendly team.&lt;/p&gt;\n' +
      '&lt;p&gt;Patient list size is 4500&lt;/p&gt;\n&lt;p&gt;\u00a0&lt;/p&gt;';
    expect(htmlToText(nhs)).toBe(
      'Arlesey Medical Centre is looking for a Salaried GP flexible on days, hours, sessions to join our small and friendly team.\n\nPatient list size is 4500',
    );
  });

  it('keeps line breaks and list items, drops styling and does not uppercase headings', () => {
    const nhs =
      '&lt;h2&gt;Main Responsibilities&lt;/h2&gt;\n&lt;p&gt;Bartle Ward – 10-bedded eating disorders&lt;br /&gt;Cottam Ward – 12-bedded acute mental health&lt;/p&gt;\n' +
      '&lt;ul&gt;&lt;li&gt;&lt;span style=&quot;text-decoration: underline;&quot;&gt;Band 5&lt;/span&gt;&lt;/li&gt;&lt;li&gt;Staff Nurse-A&amp;amp;E&lt;/li&gt;&lt;/ul&gt;';
    expect(htmlToText(nhs)).toBe(
      'Main Responsibilities\n\nBartle Ward – 10-bedded eating disorders\nCottam Ward – 12-bedded acute mental health\n\n- Band 5\n- Staff Nurse-A&E',
    );
  });

  it('leaves link targets out', () => {
    expect(htmlToText('<p>Apply at <a href="https://www.jobs.nhs.uk/xi/vacancy/915390428">NHS Jobs</a></p>')).toBe('Apply at NHS Jobs');
  });

  it('passes plain text through with its line breaks, tidying only whitespace', () => {
    const glassdoor = 'Data Scientist\nLocation:   Albuquerque, NM\n\n\n\nEducation Required: Bachelor’s degree required';
    expect(htmlToText(glassdoor)).toBe('Data Scientist\nLocation: Albuquerque, NM\n\nEducation Required: Bachelor’s degree required');
  });

  it('removes a stray tag from plain text without folding its lines (Glassdoor "<h>The Startup</h2>")', () => {
    const glassdoor = 'About us\n<h>The Startup</h2>\n\nLocated in breathtaking downtown Santa Barbara';
    expect(htmlToText(glassdoor)).toBe('About us\nThe Startup\n\nLocated in breathtaking downtown Santa Barbara');
  });

  it('decodes entities left in LinkedIn text and keeps "<35-40% Travel" as written', () => {
    expect(htmlToText('At QIC our pursuit is to be an inclusive organisation &ndash; one in which')).toBe(
      'At QIC our pursuit is to be an inclusive organisation – one in which',
    );
    expect(htmlToText('in life.Job Description&#13;Data Discovery')).toBe('in life.Job Description\nData Discovery');
    expect(htmlToText('Travel: Predominately US, <35-40% Travel')).toBe('Travel: Predominately US, <35-40% Travel');
  });
});

describe('cleanText', () => {
  it('decodes entities in NHS titles and collapses whitespace', () => {
    expect(cleanText('Social Worker - Children&#39;s Services')).toBe("Social Worker - Children's Services");
    expect(cleanText('Surrey and Sussex  Healthcare NHS Trust ')).toBe('Surrey and Sussex Healthcare NHS Trust');
    expect(cleanText('   ')).toBeUndefined();
  });
});

describe('htmlToText: cut-off tags', () => {
  it('removes a LinkedIn tag that lost its ">" (recognised by its quoted attributes)', () => {
    const linkedin =
      'depending on customers\' needs <span style="color: rgb(51,51,51);font-family: Calibri;font-size: 12.0pt;"<span style="color: rgb(51,51,51);font-family: Calibri;font-size: 12.0pt;"Core Competencies/Skills & Knowledge';
    expect(htmlToText(linkedin)).toBe("depending on customers' needs Core Competencies/Skills & Knowledge");
  });
});
