'use strict';
// Shared by the examples: command-line options (--name value) and quiet kafkajs logging on stderr.
const { logLevel } = require('kafkajs');

function options(argv, required) {
  const opts = {};
  for (let i = 2; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`expected --name value pairs, got ${argv.slice(2).join(' ')}`);
    }
    const name = argv[i].slice(2);
    opts[name] = opts[name] === undefined ? argv[i + 1] : [].concat(opts[name], argv[i + 1]);
  }
  const missing = required.filter((name) => opts[name] === undefined);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map((name) => '--' + name).join(', ')}`);
  }
  return opts;
}

function kafkaConfig(brokers, clientId) {
  return {
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }) => process.stderr.write(`kafkajs ${level}: ${log.message}\n`),
  };
}

function fail(error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}

module.exports = { options, kafkaConfig, fail };
