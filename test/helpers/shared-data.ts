/** The shared real data sets, read in place (never copied into the project). */
import path from 'node:path';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');

export const DATA_FILES = {
  nhs: path.join(SHARED_DATA, 'nhs-jobs-2020/postings.jsonl'),
  glassdoor: path.join(SHARED_DATA, 'glassdoor-ds-2020/glassdoor_jobs.csv'),
  linkedinAnalyst: path.join(SHARED_DATA, 'linkedin-indeed-ca-2018/DataAnalyst.csv'),
  linkedinScientist: path.join(SHARED_DATA, 'linkedin-indeed-ca-2018/DataScientist.csv'),
  indeedAnalyst: path.join(SHARED_DATA, 'linkedin-indeed-ca-2018/cal_da_500.csv'),
  indeedScientist: path.join(SHARED_DATA, 'linkedin-indeed-ca-2018/cal_ds_500.csv'),
} as const;
