import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id.
const options = { memoryCost: 19_456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string) {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string) {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

export const PASSWORD_MIN_LENGTH = 8;
