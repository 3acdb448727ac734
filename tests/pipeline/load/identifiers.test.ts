import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES } from '../../../src/lib/schema/index.js';
import { IDENTIFIER_MACROS, validValueMayBeIdentifier } from '../../../data-pipeline/src/load/identifiers.js';
import { csv, runDelivery, sampleDelivery, snapshot, tempRoot, withDb, type Files } from '../helpers.js';

const HEADER = 'referral_id,person_id,practice_code,referral_date';

describe('identifier checks in SQL', () => {
	it.each([
		['9434765919', true],
		['943 476 5919', true],
		['  943 476 5919  '.trim(), true],
		['9434765918', false], // checksum fails
		['943-476-5919', false],
		['94347659190', false],
		['1234567890', false] // check digit would be 10: never valid
	])('NHS number %s -> %s', async (value, want) => {
		await withDb(async (db) => {
			await db.run(IDENTIFIER_MACROS);
			expect((await db.one<{ v: boolean }>('SELECT sp_is_nhs_number($1) AS v', [value]))?.v).toBe(want);
		});
	});

	it.each([
		['SW1A 1AA', true],
		['sw1a1aa', true],
		['M1 1AE', true],
		['TS18 1HU', true],
		['SW1A', false],
		['A81001', false],
		['U89141', false]
	])('postcode %s -> %s', async (value, want) => {
		await withDb(async (db) => {
			await db.run(IDENTIFIER_MACROS);
			expect((await db.one<{ v: boolean }>('SELECT sp_is_postcode($1) AS v', [value]))?.v).toBe(want);
		});
	});
});

describe('which values are checked', () => {
	it('a valid value is checked in text and number columns; a date, month, enumeration or list value only when invalid', () => {
		for (const spec of FILES) {
			for (const col of spec.columns) {
				const checked = col.type.kind === 'text' || col.type.kind === 'number';
				expect(validValueMayBeIdentifier(col.type), `${spec.file} ${col.name}`).toBe(checked);
			}
		}
	});

	it('an allowed value shaped like an identifier, or a whole-number range of 10 digits, is checked', () => {
		expect(validValueMayBeIdentifier({ kind: 'enum', values: ['a', 'sw1a 1aa'] })).toBe(true);
		expect(validValueMayBeIdentifier({ kind: 'list', values: ['a', '9434765919'], separator: ';' })).toBe(true);
		expect(validValueMayBeIdentifier({ kind: 'int', min: 0, max: 1e10 })).toBe(true);
	});
});

describe('a delivery carrying identifiers is refused', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let previous: Record<string, Buffer>;
	let n = 0;

	beforeAll(async () => {
		temp = await tempRoot();
		const first = await runDelivery(join(temp.dir, 'shared'), sampleDelivery());
		previous = snapshot(first.out);
	});
	afterAll(() => temp.cleanup());

	/** Run `files` into the same output folder as a good earlier run; expect refusal, output untouched. */
	async function refused(files: Files): Promise<string> {
		const root = join(temp.dir, 'shared');
		const error = await runDelivery(root, files).then(
			() => null,
			(e: unknown) => e as { exitCode: number; message: string }
		);
		expect(error).not.toBeNull();
		expect(error!.exitCode).toBe(2);
		expect(error!.message).toContain('nothing was published');
		expect(snapshot(join(root, 'out'))).toEqual(previous);
		expect(readdirSync(root).filter((f) => f.startsWith('.signpost-'))).toEqual([]);
		n += 1;
		return error!.message;
	}

	it.each(['nhs_number', 'NHS_Number', ' DOB ', 'dob', 'Postcode', 'email'])('a column named %j', async (name) => {
		const message = await refused({ 'referrals.csv': csv(`${HEADER},${name}`, 'R1,P1,A81001,2024-05-01,x') });
		expect(message).toContain(`delivery-1/referrals.csv, column ${name.trim()}, line 1: the column name is an identifier`);
	});

	it.each(['943 476 5919', '9434765919'])('a valid NHS number %j in a text column, named by file, column and line', async (value) => {
		const message = await refused({
			'referrals.csv': csv(HEADER, 'R1,P1,A81001,2024-05-01', 'R2,"P2\nsecond line",A81001,2024-05-01', `R3,${value},A81001,2024-05-01`)
		});
		expect(message).toContain('delivery-1/referrals.csv, column person_id, line 5: the value is a valid NHS number');
	});

	it('an NHS number in an optional file, in an unknown column, or in a rejected row', async () => {
		const files = sampleDelivery();
		files['contacts.csv'] = csv('contact_id,referral_id,contact_date,free_text', 'C1,R1,2024-03-20,ok', 'C2,R9,not a date,9434765919');
		const message = await refused(files);
		expect(message).toContain('delivery-1/contacts.csv, column free_text, line 3: the value is a valid NHS number');
	});

	it('an NHS number in a row too broken to read is refused, not written to the rejects file', async () => {
		const message = await refused({ 'referrals.csv': csv(HEADER, 'R1,P1,A81001,2024-05-01', 'R2,943 476 5919,A81001,2024-05-01,extra') });
		expect(message).toContain('delivery-1/referrals.csv, column person_id (in an unreadable row), line 3: the value is a valid NHS number');
	});

	it.each([
		['an invalid whole number', { 'referrals.csv': csv(`${HEADER},imd_decile`, 'R1,P1,A81001,2024-05-01,1', 'R2,P2,A81001,2024-05-01,9434765919') }, 'referrals.csv, column imd_decile, line 3: the value is a valid NHS number'],
		['a date column', { 'referrals.csv': csv(HEADER, 'R1,P1,A81001,TS18 1HU') }, 'referrals.csv, column referral_date, line 2: the value is a full UK postcode'],
		['an enumeration', { 'referrals.csv': csv(`${HEADER},sex`, 'R1,P1,A81001,2024-05-01, ts18 1hu ') }, 'referrals.csv, column sex, line 2: the value is a full UK postcode'],
		[
			'a valid number (0000000000 is a number from 0 to 100 and a valid NHS number)',
			{ 'referrals.csv': csv(HEADER, 'R1,P1,A81001,2024-05-01'), 'workforce.csv': csv('pcn_code,month,fte', 'U89141,2024-04,1', 'U89141,2024-05,0000000000') },
			'workforce.csv, column fte, line 3: the value is a valid NHS number'
		]
	])('in %s', async (_name, files, where) => {
		expect(await refused(files)).toContain(`delivery-1/${where}`);
	});

	it('a full postcode', async () => {
		const message = await refused({ 'referrals.csv': csv(`${HEADER},notes`, 'R1,P1,A81001,2024-05-01,TS18 1HU') });
		expect(message).toContain('delivery-1/referrals.csv, column notes, line 2: the value is a full UK postcode');
	});

	it('a 10-digit number failing the checksum, a partial postcode and an ODS code are not identifiers', async () => {
		const r = await runDelivery(join(temp.dir, 'other'), {
			'referrals.csv': csv(`${HEADER},notes`, 'R1,9434765918,A81001,2024-05-01,TS18', 'R2,1234567890,A81002,2024-05-01,U89141')
		});
		expect(r.manifest.inputs[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0 });
		expect(n).toBeGreaterThan(0);
	});
});
