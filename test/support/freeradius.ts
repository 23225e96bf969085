// A real FreeRADIUS for tests: the installed configuration (/etc/freeradius/3.0) copied to a temp
// directory, with rlm_sql_postgresql reading and writing the test file's own database, and two
// virtual servers on 127.0.0.1:
//  - `uplink`: authorize through sql then pap (so the hashed password in radcheck is what lets a
//    user in), accounting through sql (so an Accounting-Request Start opens a radacct session);
//  - `nas-stand-in`: a CoA listener acting as the NAS. It acknowledges Disconnect and CoA requests
//    and writes one line per request it received, so tests can see what reached the NAS. Sessions
//    whose Acct-Session-Id starts with `gone-` are answered with a NAK carrying Error-Cause 503
//    (Session-Context-Not-Found); those starting with `no-coa-` get a CoA-NAK (Unsupported-Service)
//    but a Disconnect-ACK, as a NAS that cannot change a session in place.
// `freeradius -X -d DIR` runs as a child process, stopped by its pid.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const INSTALLED_CONFIG = '/etc/freeradius/3.0';
const FREERADIUS = '/usr/sbin/freeradius';
const execFileAsync = promisify(execFile);

export interface NasRequestLine {
  packetType: 'Disconnect-Request' | 'CoA-Request' | string;
  userName: string;
  acctSessionId: string;
  filterId: string;
  rateLimit: string;
}

export interface FreeRadius {
  dir: string;
  secret: string;
  authPort: number;
  acctPort: number;
  /** The stand-in NAS's CoA port: the `ports` of its nas row. */
  nasPort: number;
  /** What the stand-in NAS received so far, oldest first. */
  nasRequests(): NasRequestLine[];
  /** FreeRADIUS's debug output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface RadiusAnswer {
  code: 'Access-Accept' | 'Access-Reject' | string;
  /** Reply attributes as radclient prints them, values unquoted. */
  attributes: Record<string, string>;
}

/** Starts FreeRADIUS against `databaseUrl` (postgres://user@host:port/name); waits until it answers. */
export async function startFreeRadius(databaseUrl: string): Promise<FreeRadius> {
  if (!existsSync(FREERADIUS)) {
    throw new Error(`${FREERADIUS} is missing: apt-get install freeradius freeradius-postgresql freeradius-utils`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'uplink-freeradius-'));
  const secret = randomBytes(12).toString('hex');
  const [authPort, acctPort, nasPort] = await freeUdpPorts(3);
  const nasLog = join(dir, 'nas-requests.log');
  writeConfiguration({ dir, secret, authPort: authPort!, acctPort: acctPort!, nasPort: nasPort!, nasLog, databaseUrl });

  const child = spawn(FREERADIUS, ['-X', '-d', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = Date.now() + 20_000;
  while (!output.includes('Ready to process requests')) {
    if (child.exitCode !== null || Date.now() > ready) {
      await stopChild(child, exited);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`FreeRADIUS did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    dir,
    secret,
    authPort: authPort!,
    acctPort: acctPort!,
    nasPort: nasPort!,
    nasRequests: () => readNasLog(nasLog),
    output: () => output,
    async stop() {
      await stopChild(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a PAP Access-Request the way an operator checks a user: with the real `radtest`. */
export async function radtest(radius: FreeRadius, username: string, password: string): Promise<RadiusAnswer> {
  const stdout = await runTolerant('radtest', [username, password, `127.0.0.1:${radius.authPort}`, '0', radius.secret]);
  return parseRadclientAnswer(stdout);
}

/** Opens an accounting session as a NAS would (Accounting-Request, Acct-Status-Type = Start). */
export async function accountingStart(radius: FreeRadius, session: { username: string; acctSessionId: string }): Promise<void> {
  const attributes = [
    `User-Name = "${session.username}"`,
    'Acct-Status-Type = Start',
    `Acct-Session-Id = "${session.acctSessionId}"`,
    'NAS-IP-Address = 127.0.0.1',
    'NAS-Port = 1',
    'Framed-IP-Address = 100.64.0.10',
  ].join('\n');
  const stdout = await runTolerant('radclient', ['-x', '-r', '1', `127.0.0.1:${radius.acctPort}`, 'acct', radius.secret], attributes);
  if (!stdout.includes('Accounting-Response')) throw new Error(`accounting start not answered:\n${stdout}`);
}

function parseRadclientAnswer(stdout: string): RadiusAnswer {
  const received = stdout.indexOf('Received ');
  if (received < 0) throw new Error(`no answer from FreeRADIUS:\n${stdout}`);
  const lines = stdout.slice(received).split('\n');
  const code = /^Received (\S+)/.exec(lines[0]!)![1]!;
  const attributes: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const match = /^\s+([A-Za-z0-9-]+) = (.*)$/.exec(line);
    if (!match) break;
    attributes[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return { code, attributes };
}

/** radclient exits non-zero on a reject: its output is still the answer. */
async function runTolerant(command: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) {
    try {
      return (await execFileAsync(command, args, { timeout: 15_000 })).stdout;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      if (failed.stdout) return failed.stdout;
      throw error;
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => (stdout ? resolve(stdout) : reject(new Error(`${command} printed nothing: ${stderr}`))));
    child.stdin.end(input);
  });
}

function readNasLog(path: string): NasRequestLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [packetType = '', userName = '', acctSessionId = '', filterId = '', rateLimit = ''] = line.split('|');
      return { packetType, userName, acctSessionId, filterId, rateLimit };
    });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  process.kill(child.pid, 'SIGTERM');
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!killed && child.exitCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** Ports the kernel hands out now; FreeRADIUS binds them a moment later. */
async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from({ length: count }, () => {
      const socket = createSocket('udp4');
      return new Promise<ReturnType<typeof createSocket>>((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket)));
    }),
  );
  const ports = sockets.map((socket) => socket.address().port);
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  return ports;
}

interface ConfigurationInput {
  dir: string;
  secret: string;
  authPort: number;
  acctPort: number;
  nasPort: number;
  nasLog: string;
  databaseUrl: string;
}

function writeConfiguration(input: ConfigurationInput): void {
  const { dir } = input;
  cpSync(INSTALLED_CONFIG, dir, { recursive: true, verbatimSymlinks: true });
  // Only what these servers use: the stock sites and modules (eap with its certificates, ...) stay out.
  for (const folder of ['sites-enabled', 'mods-enabled']) {
    rmSync(join(dir, folder), { recursive: true, force: true });
    mkdirSync(join(dir, folder));
  }
  for (const module of ['always', 'pap', 'expr']) symlinkSync(join('..', 'mods-available', module), join(dir, 'mods-enabled', module));
  writeFileSync(join(dir, 'mods-enabled', 'sql'), sqlModule(input.databaseUrl));
  writeFileSync(join(dir, 'mods-enabled', 'nas_log'), nasLogModule(input.nasLog));
  writeFileSync(join(dir, 'sites-enabled', 'uplink'), uplinkServer(input));
  writeFileSync(join(dir, 'sites-enabled', 'nas-stand-in'), nasStandInServer(input));
  writeFileSync(join(dir, 'clients.conf'), `client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = ${input.secret}\n}\n`);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'log'));
  const radiusd = readFileSync(join(dir, 'radiusd.conf'), 'utf8')
    .replace(/^raddbdir = .*$/m, `raddbdir = ${dir}`)
    .replace(/^logdir = .*$/m, `logdir = ${join(dir, 'log')}`)
    .replace(/^run_dir = .*$/m, `run_dir = ${join(dir, 'run')}`)
    // Rejects are answered at once: the delay only slows down password guessing on a real server.
    .replace(/reject_delay = \d+/, 'reject_delay = 0')
    .replace(/^\s*start_servers = \d+/m, '\tstart_servers = 2')
    .replace(/^proxy_requests\s*=\s*yes/m, 'proxy_requests = no')
    .replace(/^\$INCLUDE proxy\.conf$/m, '');
  writeFileSync(join(dir, 'radiusd.conf'), radiusd);
  // As root, FreeRADIUS switches to its own user, which must be able to read and write here.
  if (process.getuid?.() === 0) chownTree(dir, 'freerad');
}

function chownTree(path: string, user: string): void {
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith(`${user}:`));
  if (!passwd) return;
  const [, , uid, gid] = passwd.split(':');
  const walk = (entry: string) => {
    chownSync(entry, Number(uid), Number(gid));
    for (const child of readdirSync(entry, { withFileTypes: true })) {
      const childPath = join(entry, child.name);
      if (child.isDirectory()) walk(childPath);
      else if (!child.isSymbolicLink()) chownSync(childPath, Number(uid), Number(gid));
    }
  };
  walk(path);
}

function sqlModule(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `sql {
	dialect = "postgresql"
	driver = "rlm_sql_postgresql"
	postgresql {
		send_application_name = yes
	}
	server = "${url.hostname}"
	port = ${url.port || 5432}
	login = "${decodeURIComponent(url.username)}"
	password = "${decodeURIComponent(url.password)}"
	radius_db = "${url.pathname.slice(1)}"
	acct_table1 = "radacct"
	acct_table2 = "radacct"
	postauth_table = "radpostauth"
	authcheck_table = "radcheck"
	groupcheck_table = "radgroupcheck"
	authreply_table = "radreply"
	groupreply_table = "radgroupreply"
	usergroup_table = "radusergroup"
	read_groups = yes
	read_clients = no
	delete_stale_sessions = yes
	pool {
		start = 1
		min = 1
		max = 4
		spare = 1
		uses = 0
		retry_delay = 1
		lifetime = 0
		idle_timeout = 60
	}
	client_table = "nas"
	group_attribute = "SQL-Group"
	$INCLUDE \${modconfdir}/\${.:name}/main/\${dialect}/queries.conf
}
`;
}

function nasLogModule(path: string): string {
  return `linelog nas_log {
	filename = ${path}
	permissions = 0644
	format = "%{Packet-Type}|%{User-Name}|%{Acct-Session-Id}|%{Filter-Id}|%{Mikrotik-Rate-Limit}"
}
`;
}

function uplinkServer({ authPort, acctPort }: ConfigurationInput): string {
  return `listen {
	type = auth
	ipaddr = 127.0.0.1
	port = ${authPort}
	virtual_server = uplink
}
listen {
	type = acct
	ipaddr = 127.0.0.1
	port = ${acctPort}
	virtual_server = uplink
}
server uplink {
	authorize {
		sql
		pap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
	}
	preacct {
		acct_unique
	}
	accounting {
		sql
	}
	post-auth {
		ok
		Post-Auth-Type REJECT {
			ok
		}
	}
}
`;
}

function nasStandInServer({ nasPort }: ConfigurationInput): string {
  return `listen {
	type = coa
	ipaddr = 127.0.0.1
	port = ${nasPort}
	virtual_server = nas-stand-in
}
server nas-stand-in {
	recv-coa {
		nas_log
		if (&Acct-Session-Id =~ /^gone-/) {
			update reply {
				&Error-Cause := Session-Context-Not-Found
			}
			reject
		}
		elsif (&Packet-Type == CoA-Request && &Acct-Session-Id =~ /^no-coa-/) {
			update reply {
				&Error-Cause := Unsupported-Service
			}
			reject
		}
		else {
			ok
		}
	}
	send-coa {
		ok
	}
}
`;
}
