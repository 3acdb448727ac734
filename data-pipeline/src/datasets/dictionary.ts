/**
 * The data dictionary of the datasets as a Frictionless Data Package (`datapackage.json`,
 * profile tabular-data-package), with a short README and a CITATION.cff, all from the dataset
 * specs in src/lib/schema/datasets.ts and the files actually written.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MINUTES_PER_APPOINTMENT, DEFAULT_PRICE_YEAR, DEFAULT_UNIT_COST_GBP, REGRESSION_TO_THE_MEAN_CAVEAT, ROUND_TO, SUPPRESS_FROM, SUPPRESS_TO } from '../../../src/lib/metrics/index.js';
import { DATASETS_VERSION, VALUE_DECIMALS, type DatasetSpec } from '../../../src/lib/schema/index.js';

/** A written data file. */
export interface WrittenFile {
	spec: DatasetSpec;
	format: 'csv' | 'parquet';
	file: string;
	rows: number;
	bytes: number;
	sha256: string;
}

/** What the dictionary says about the run. */
export interface DictionaryInfo {
	created_at: string;
	/** ICBs in the data (code and name), for the title and the citation. */
	icbs: { code: string; name: string }[];
	window_months: number;
	files: readonly WrittenFile[];
}

/** Licences: the statistics under the Open Government Licence, the software and metadata under the repository's MIT licence. */
export const LICENSES = [
	{ name: 'OGL-UK-3.0', path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', title: 'Open Government Licence v3.0 (the statistics)' },
	{ name: 'MIT', path: 'https://opensource.org/license/mit', title: 'MIT License (Signpost, the software that made them, and this metadata)' }
];

const DISCLOSURE = `NHS Digital's rule applies to every row (none is national): 0 stays 0, counts of ${SUPPRESS_FROM}-${SUPPRESS_TO} are suppressed, other counts are rounded to the nearest ${ROUND_TO}; shares and rates come from the rounded counts; a mean or median of ${SUPPRESS_FROM}-${SUPPRESS_TO} people is suppressed, and every mean, median or share is hidden whenever its base count is. Secondary suppression runs over every count of every file at once (areas within areas, quarters within years, months within quarters, groups within totals, and the same count wherever it appears), and an exact linear-algebra check confirms that no suppressed count can be worked out from the published ones by any combination of subtractions.`;

/** The datapackage.json object. */
export function dataPackage(info: DictionaryInfo): Record<string, unknown> {
	const where = info.icbs.map((i) => i.name).join(', ');
	return {
		profile: 'tabular-data-package',
		name: 'signpost-social-prescribing-outcomes',
		id: `urn:sha256:${contentId(info.files)}`,
		title: `Social prescribing outcomes: ${where}`,
		description: `Aggregated, disclosure-controlled social prescribing figures published by Signpost: referrals, contacts, wellbeing change, GP use and time freed, signposting and link worker workforce, by practice, PCN, ICB and region. ${DISCLOSURE} Region rows sum only the ICBs in these data. Values and limits have ${VALUE_DECIMALS} decimal places. See README.md.`,
		version: DATASETS_VERSION,
		created: info.created_at,
		licenses: LICENSES,
		keywords: ['social prescribing', 'NHS', 'primary care networks', 'wellbeing', 'WEMWBS', 'ONS4', 'GP appointments', 'link workers'],
		contributors: info.icbs.map((i) => ({ title: i.name, role: 'publisher' })),
		sources: [{ title: `Signpost export format deliveries from link worker case management and GP systems (${where}), and NHS Digital's Patients Registered at a GP Practice` }],
		'signpost:disclosure_control': DISCLOSURE,
		'signpost:national_level': 'None of these data is national: a deployment holds one ICB or a few, so the NHS "national level" exemption never applies and every row, region rows included, is disclosure-controlled.',
		'signpost:assumptions': {
			window_months: info.window_months,
			minutes_per_appointment: DEFAULT_MINUTES_PER_APPOINTMENT,
			unit_cost_gbp: DEFAULT_UNIT_COST_GBP,
			price_year: DEFAULT_PRICE_YEAR,
			caveat: REGRESSION_TO_THE_MEAN_CAVEAT
		},
		resources: info.files.map(resource)
	};
}

function resource(f: WrittenFile): Record<string, unknown> {
	const csv = f.format === 'csv';
	return {
		name: `${f.spec.name}-${f.format}`.replaceAll('_', '-'),
		path: f.file,
		profile: 'tabular-data-resource',
		title: `${f.spec.title} (${csv ? 'CSV' : 'Parquet'})`,
		description: f.spec.description,
		format: f.format,
		mediatype: csv ? 'text/csv' : 'application/vnd.apache.parquet',
		...(csv ? { encoding: 'utf-8', dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true } } : {}),
		bytes: f.bytes,
		hash: `sha256:${f.sha256}`,
		rows: f.rows,
		licenses: LICENSES,
		schema: {
			fields: f.spec.columns.map((c) => ({
				name: c.name,
				type: c.type,
				...(c.type === 'date' ? { format: 'default' } : {}),
				description: c.description,
				unit: c.unit,
				method: c.method,
				...(c.name === 'indicator' ? { constraints: { enum: f.spec.indicators.map((i) => i.id) } } : c.values ? { constraints: { enum: [...c.values] } } : {})
			})),
			primaryKey: [...f.spec.key],
			missingValues: ['']
		},
		indicators: f.spec.indicators.map((i) => ({ id: i.id, title: i.title, unit: i.unit, kind: i.kind, polarity: i.polarity, description: i.description, method: i.method }))
	};
}

/** A content identifier: sha256 over the data files' names and checksums. */
function contentId(files: readonly WrittenFile[]): string {
	return createHash('sha256')
		.update(files.map((f) => `${f.file} ${f.sha256}`).join('\n'))
		.digest('hex');
}

/** datasets/README.md. */
export function readme(info: DictionaryInfo, pkg: Record<string, unknown>): string {
	const where = info.icbs.map((i) => `${i.name} (${i.code})`).join(', ');
	const bySpec = new Map<string, WrittenFile[]>();
	for (const f of info.files) bySpec.set(f.spec.name, [...(bySpec.get(f.spec.name) ?? []), f]);
	const lines = [
		`# Social prescribing outcomes: ${info.icbs.map((i) => i.name).join(', ')}`,
		'',
		`Aggregated figures for ${where}, made by the Signpost pipeline on ${info.created_at.slice(0, 10)} from the deliveries of link worker and GP systems. Each dataset is here as CSV (UTF-8 with a byte order mark and CRLF, so it opens correctly in Excel) and Parquet (for R, Python and DuckDB); both hold the same rows. \`datapackage.json\` is the data dictionary (Frictionless Data Package): every column with its type, unit, description and a link to the method, every indicator, and each file's sha256 checksum.`,
		'',
		'| dataset | rows | what |',
		'|---|---|---|',
		...[...bySpec.values()].map((fs) => `| ${fs[0]!.spec.name} | ${fs[0]!.rows} | ${fs[0]!.spec.title} |`),
		'',
		'## How they are made',
		'',
		'Long format in the style of OHID Fingertips: one row per period, area and indicator (and instrument, group, cohort or activity), with numerator, denominator, value, 95% and 99.8% confidence limits, the comparison with the parent area, and a `suppressed` column saying what was hidden and why. Counts, means, standard deviations and medians are aggregated in DuckDB from the validated records; intervals, comparisons and disclosure control come from Signpost\'s statistics layer (`src/lib/metrics`), the same code the dashboard uses. The Methods page of the dashboard (`/methods`) explains each method; the dictionary links every column and indicator to it.',
		'',
		`GP time freed uses ${DEFAULT_MINUTES_PER_APPOINTMENT} minutes per GP appointment and GBP ${DEFAULT_UNIT_COST_GBP} per consultation (${DEFAULT_PRICE_YEAR} prices, PSSRU Unit Costs of Health and Social Care), windows of ${info.window_months} months. ${REGRESSION_TO_THE_MEAN_CAVEAT}`,
		'',
		'## Disclosure control',
		'',
		DISCLOSURE,
		'',
		'Region rows cover only the ICBs in these data, not the whole NHS England region, and there is no England row.',
		'',
		'## Licence and citation',
		'',
		'The statistics are released under the Open Government Licence v3.0; Signpost and this metadata are MIT licensed. Cite the data as in `CITATION.cff`:',
		'',
		`> ${citationText(info, pkg)}`,
		''
	];
	return lines.join('\n');
}

function citationText(info: DictionaryInfo, pkg: Record<string, unknown>): string {
	return `${info.icbs.map((i) => i.name).join(', ')} (${info.created_at.slice(0, 4)}). ${String(pkg.title)}. Version ${DATASETS_VERSION}, created ${info.created_at.slice(0, 10)}. ${String(pkg.id)}. Open Government Licence v3.0.`;
}

/** datasets/CITATION.cff (Citation File Format 1.2.0). */
export function citation(info: DictionaryInfo, pkg: Record<string, unknown>): string {
	const q = (s: string) => JSON.stringify(s);
	return [
		'cff-version: 1.2.0',
		'message: "If you use these data, please cite them as below."',
		'type: dataset',
		`title: ${q(String(pkg.title))}`,
		`version: ${q(DATASETS_VERSION)}`,
		`date-released: ${q(info.created_at.slice(0, 10))}`,
		'authors:',
		...info.icbs.map((i) => `  - name: ${q(i.name)}`),
		'license: OGL-UK-3.0',
		'identifiers:',
		'  - type: other',
		`    value: ${q(String(pkg.id))}`,
		'    description: "sha256 of the data files\' names and checksums (see datapackage.json)"',
		`abstract: ${q('Aggregated, disclosure-controlled social prescribing outcomes (referrals, wellbeing change, GP use and time freed, signposting, workforce) by practice, PCN, ICB and region, made with Signpost.')}`,
		'keywords:',
		...(pkg.keywords as string[]).map((k) => `  - ${q(k)}`),
		''
	].join('\n');
}
