/** Reads back what the test rsyslog stored (RSYSLOG_SyslogProtocol23Format): header, structured data, JSON body. */
export interface ReceivedMessage {
  pri: number;
  timestamp: string;
  hostname: string;
  appName: string;
  msgId: string;
  sdId: string;
  sd: Record<string, string>;
  body: Record<string, unknown>;
  raw: string;
}

/** One SD-ELEMENT `[id name="value" ...]` with RFC 5424 escapes (\" \\ \]), from `start`; returns where it ends. */
function parseElement(line: string, start: number): { id: string; params: Record<string, string>; end: number } {
  if (line[start] !== '[') throw new Error(`no structured data at ${start}: ${line}`);
  let i = start + 1;
  const idEnd = line.slice(i).search(/[ \]]/) + i;
  const id = line.slice(i, idEnd);
  i = idEnd;
  const params: Record<string, string> = {};
  while (line[i] === ' ') {
    const eq = line.indexOf('="', i);
    const name = line.slice(i + 1, eq);
    i = eq + 2;
    let value = '';
    while (line[i] !== '"') {
      if (line[i] === '\\' && '"\\]'.includes(line[i + 1]!)) i += 1;
      value += line[i];
      i += 1;
    }
    params[name] = value;
    i += 1;
  }
  if (line[i] !== ']') throw new Error(`unterminated structured data: ${line}`);
  return { id, params, end: i + 1 };
}

export function parseReceived(raw: string): ReceivedMessage {
  const header = /^<(\d+)>1 (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(raw);
  if (!header) throw new Error(`not an RFC 5424 line: ${raw}`);
  const element = parseElement(raw, header[0].length);
  const rest = raw.slice(element.end).replace(/^ \uFEFF?/, '');
  return {
    pri: Number(header[1]),
    timestamp: header[2]!,
    hostname: header[3]!,
    appName: header[4]!,
    msgId: header[6]!,
    sdId: element.id,
    sd: element.params,
    body: JSON.parse(rest) as Record<string, unknown>,
    raw,
  };
}
