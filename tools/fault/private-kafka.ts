/**
 * A private Kafka broker (one KRaft node) for the fault suite: tools/infra/kafka.sh's configuration
 * and java command line on other ports and its own data directory, so that killing it never
 * touches the shared broker on 9092. The jars are the ones kafka.sh fetched into .cache/kafka/libs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LIBS = join(ROOT, '.cache', 'kafka', 'libs');

export interface PrivateKafka {
  brokers: string;
  /** Starts the broker; resolves when it has registered with its controller and listens. */
  start(): Promise<void>;
  /** SIGKILL: a crash, no clean shutdown. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 20 s. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

function serverProperties(port: number, controllerPort: number, data: string): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${data}
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
`;
}

const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
`;

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export function privateKafka(dir: string, port: number, controllerPort: number): PrivateKafka {
  if (!existsSync(LIBS)) throw new Error(`no Kafka jars in ${LIBS}: run bash tools/infra/kafka.sh fetch first`);
  const data = join(dir, 'kafka-data');
  const props = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j.properties');
  const logFile = join(dir, 'kafka.log');
  mkdirSync(data, { recursive: true });
  writeFileSync(props, serverProperties(port, controllerPort, data));
  writeFileSync(log4j, LOG4J);
  const javaArgs = (...args: string[]) => ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4j}`, '-cp', `${LIBS}/*`, ...args];
  const clusterId = execFileSync('java', javaArgs('kafka.tools.StorageTool', 'random-uuid'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
  execFileSync('java', javaArgs('kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props), { stdio: 'ignore' });

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  return {
    brokers: `127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    async start() {
      const from = existsSync(logFile) ? statSync(logFile).size : 0;
      const out = openSync(logFile, 'a');
      child = spawn('java', javaArgs('kafka.Kafka', props), { stdio: ['ignore', out, out] });
      closeSync(out);
      const c = child;
      const reap = () => c.kill('SIGKILL');
      process.once('exit', reap);
      exited = new Promise((resolve) => c.once('exit', () => (process.removeListener('exit', reap), resolve())));
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (c.exitCode !== null) throw new Error(`the private Kafka broker exited during start-up (see ${logFile})`);
        if ((await portOpen(port)) && readFileSync(logFile).subarray(from).includes('Kafka Server started')) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`the private Kafka broker did not start within 90 s (see ${logFile})`);
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
