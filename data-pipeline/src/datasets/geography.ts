/**
 * The areas of the datasets (practices, PCNs, ICBs, regions) from the published `practices`
 * table: each area's parent (for parent_code and comparisons) and the parts whose counts add up
 * to it (for secondary suppression), plus the `ds_area_members` table the aggregations join to.
 */
import type { AreaType } from '../../../src/lib/schema/index.js';
import type { Db } from '../db.js';

/** One area of the datasets. */
export interface Area {
	type: AreaType;
	code: string;
	name: string;
	key: string;
	/** Area compared with and named in parent_code; null for a region (or an ICB with no region). */
	parent: Area | null;
	/** Areas whose counts add up exactly to this one's (empty for a practice). */
	parts: Area[];
	/** Practice codes inside the area. */
	practices: string[];
	/** Registered patients, or null unless every practice of the area has a list size. */
	list_size: number | null;
}

/** Every area, in publishing order (regions, ICBs, PCNs, practices; codes ascending). */
export interface Geography {
	areas: Area[];
	byKey: Map<string, Area>;
}

interface PracticeRow {
	practice_code: string;
	practice_name: string | null;
	pcn_code: string | null;
	pcn_name: string | null;
	icb_code: string;
	icb_name: string | null;
	region_code: string | null;
	region_name: string | null;
	list_size: number | null;
}

/** Key of an area in maps and cell ids. */
export function areaKey(type: AreaType, code: string): string {
	return `${type}:${code}`;
}

/**
 * Build the areas from `out_practices` and create `ds_area_members(practice_code, area_type,
 * area_code)`: one row per practice and each area holding it. A practice with PCN 'U'
 * (unallocated) belongs directly to its ICB. A PCN whose practices span two ICBs (U41591) is
 * compared with the ICB holding most of them, and its practices add up to their own ICBs.
 */
export async function loadGeography(db: Db): Promise<Geography> {
	const rows = await db.all<PracticeRow>(
		`SELECT practice_code, practice_name, pcn_code, pcn_name, icb_code, icb_name, region_code, region_name, list_size FROM out_practices ORDER BY practice_code`
	);
	const make = (type: AreaType, code: string, name: string | null): Area => ({ type, code, name: name ?? code, key: areaKey(type, code), parent: null, parts: [], practices: [], list_size: null });
	const practices = rows.map((r) => ({ row: r, area: make('practice', r.practice_code, r.practice_name) }));
	const allocated = (r: PracticeRow) => r.pcn_code !== null && r.pcn_code !== 'U';

	const icbs = new Map<string, Area>();
	const regions = new Map<string, Area>();
	const pcns = new Map<string, Area>();
	const icbRegion = new Map<string, string | null>();
	for (const { row } of practices) {
		if (!icbs.has(row.icb_code)) icbs.set(row.icb_code, make('icb', row.icb_code, row.icb_name));
		if (allocated(row) && !pcns.has(row.pcn_code!)) pcns.set(row.pcn_code!, make('pcn', row.pcn_code!, row.pcn_name));
	}
	for (const icb of icbs.values()) {
		const region = majority(practices.filter((p) => p.row.icb_code === icb.code).map((p) => p.row.region_code));
		icbRegion.set(icb.code, region);
		if (region !== null) {
			const name = practices.find((p) => p.row.region_code === region)!.row.region_name;
			if (!regions.has(region)) regions.set(region, make('region', region, name));
			icb.parent = regions.get(region)!;
			icb.parent.parts.push(icb);
		}
	}
	for (const pcn of pcns.values()) {
		const members = practices.filter((p) => p.row.pcn_code === pcn.code);
		pcn.parent = icbs.get(majority(members.map((p) => p.row.icb_code))!)!;
		pcn.parts = members.map((p) => p.area);
		const whole = members.every((p) => p.row.icb_code === pcn.parent!.code);
		if (whole) pcn.parent.parts.push(pcn);
	}
	for (const { row, area } of practices) {
		const icb = icbs.get(row.icb_code)!;
		area.practices = [row.practice_code];
		area.list_size = row.list_size;
		if (allocated(row)) {
			const pcn = pcns.get(row.pcn_code!)!;
			area.parent = pcn;
			// Practices of a PCN split across ICBs add up to their own ICB directly.
			if (pcn.parent !== icb || !pcn.parent.parts.includes(pcn)) icb.parts.push(area);
		} else {
			area.parent = icb;
			icb.parts.push(area);
		}
	}
	const byCode = (a: Area, b: Area) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
	const areas = [...[...regions.values()].sort(byCode), ...[...icbs.values()].sort(byCode), ...[...pcns.values()].sort(byCode), ...practices.map((p) => p.area)];
	const inArea = new Map<string, string[]>();
	for (const { row } of practices) {
		const keys = [areaKey('practice', row.practice_code), areaKey('icb', row.icb_code)];
		if (allocated(row)) keys.push(areaKey('pcn', row.pcn_code!));
		const region = icbRegion.get(row.icb_code);
		if (region) keys.push(areaKey('region', region));
		for (const k of keys) inArea.set(k, [...(inArea.get(k) ?? []), row.practice_code]);
	}
	const listSize = new Map(rows.map((r) => [r.practice_code, r.list_size]));
	for (const a of areas) {
		a.practices = inArea.get(a.key) ?? [];
		a.parts.sort(byCode);
		const sizes = a.practices.map((p) => listSize.get(p) ?? null);
		a.list_size = sizes.length > 0 && sizes.every((s) => s !== null) ? sizes.reduce((t, s) => t! + s!, 0) : null;
	}

	await db.run(`CREATE OR REPLACE TEMP TABLE ds_area_members (practice_code VARCHAR, area_type VARCHAR, area_code VARCHAR)`);
	await db.append(
		'ds_area_members',
		areas.flatMap((a) => a.practices.map((p) => [p, a.type, a.code]))
	);
	return { areas, byKey: new Map(areas.map((a) => [a.key, a])) };
}

/** Most frequent value (ties: the lowest), ignoring nulls; null when there is none. */
function majority(values: readonly (string | null)[]): string | null {
	const counts = new Map<string, number>();
	for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
	let best: string | null = null;
	for (const [v, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
	return best;
}
