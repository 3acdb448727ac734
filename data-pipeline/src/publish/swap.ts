/**
 * Publish atomically: build everything in a sibling staging folder, then swap it in with
 * renames, so a failed or interrupted run leaves the previous output as it was.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

const STAGING = '.signpost-staging-';
const PREVIOUS = '.signpost-previous-';

/** A fresh staging folder beside `out` (same file system, so renames are atomic). */
export async function makeStaging(out: string): Promise<string> {
	const parent = dirname(resolve(out));
	await mkdir(parent, { recursive: true });
	await recoverInterrupted(out);
	const staging = join(parent, `${STAGING}${basename(out)}-${process.pid}-${Date.now()}`);
	await mkdir(staging, { recursive: true });
	return staging;
}

/** Replace `out` with `staging`. Between the two renames `out` is briefly absent; see recoverInterrupted. */
export async function swapIn(staging: string, out: string): Promise<void> {
	const target = resolve(out);
	const previous = join(dirname(target), `${PREVIOUS}${basename(target)}`);
	await rm(previous, { recursive: true, force: true });
	if (existsSync(target)) await rename(target, previous);
	await rename(staging, target);
	await rm(previous, { recursive: true, force: true });
}

/** Remove a staging folder (after a failure). */
export async function discard(staging: string): Promise<void> {
	await rm(staging, { recursive: true, force: true });
}

/**
 * If a run died between the two renames, put the previous output back; remove staging folders
 * of runs that died (their process is gone).
 */
export async function recoverInterrupted(out: string): Promise<void> {
	const target = resolve(out);
	const parent = dirname(target);
	const previous = join(parent, `${PREVIOUS}${basename(target)}`);
	if (!existsSync(target) && existsSync(previous)) await rename(previous, target);
	if (!existsSync(parent)) return;
	for (const entry of await readdir(parent)) {
		if (!entry.startsWith(`${STAGING}${basename(target)}-`)) continue;
		const pid = Number(entry.slice(`${STAGING}${basename(target)}-`.length).split('-')[0]);
		if (!isAlive(pid)) await rm(join(parent, entry), { recursive: true, force: true });
	}
}

function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
