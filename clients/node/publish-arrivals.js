'use strict';
// Publishes file-arrival events the way a Node storage service would: registers the published FileArrival schema
// with the library's default register() (BACKWARD compatibility), encodes each event in the Confluent wire format and
// sends it keyed by its event id.
//
//   node publish-arrivals.js --brokers 127.0.0.1:9092 --registry http://127.0.0.1:8081 \
//        --topic sandbox.file-arrivals --schema ../../docs/schemas/FileArrival.avsc \
//        --event '{"eventId":"evt-1","uri":"s3://bucket/key"}' [--event ...]
//
// Prints one JSON line: {"id": <schema id>, "sent": <count>}.
const fs = require('fs');
const { Kafka } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const { options, kafkaConfig, fail } = require('./common');

async function main() {
  const opts = options(process.argv, ['brokers', 'registry', 'topic', 'schema', 'event']);
  const registry = new SchemaRegistry({ host: opts.registry });
  const schema = fs.readFileSync(opts.schema, 'utf8');
  const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject: `${opts.topic}-value` });
  const events = [].concat(opts.event).map((text) => JSON.parse(text));
  const messages = [];
  for (const event of events) {
    messages.push({ key: event.eventId, value: await registry.encode(id, event) });
  }
  const producer = new Kafka(kafkaConfig(opts.brokers, 'node-arrivals')).producer();
  await producer.connect();
  try {
    await producer.send({ topic: opts.topic, messages });
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`${JSON.stringify({ id, sent: messages.length })}\n`);
}

main().catch(fail);
