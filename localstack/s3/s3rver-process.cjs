// The local S3 server's own process: s3rver 3.7.1, started by localstack/s3/server.ts under Node's
// --openssl-legacy-provider (s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3
// refuses otherwise, so any listing longer than one page answers 500). Settings arrive over IPC as
// { start: settings }; the bound port goes back as { ready: port }. The process stops on
// { stop: true } or when the parent goes away (the IPC channel closes), so it never outlives it.
//
// In front of s3rver, two multipart operations are answered here, as S3 answers them:
// - AbortMultipartUpload (DELETE ?uploadId=…), which s3rver refuses with 405;
// - CompleteMultipartUpload (POST ?uploadId=…), checked first (unknown upload, parts out of order,
//   a part missing or with another ETag, a part but the last under 5 MiB), since s3rver checks
//   nothing and crashes on a missing part; the object's ETag is S3's "<md5 of the parts' md5s>-<n>".
//
// s3rver's store writes an object in place and answers the PUT before the bytes are on disk, so a
// GET during (or just after) a PUT can read an empty or partial object, or the old object cut
// short. makeStoreAtomic() gives its store S3's behaviour: a reader sees the whole old object or the
// whole new one. A PUT streams into a temporary file, then, holding the key's lock, writes the
// ETag and metadata and renames the file into place; GET and HEAD open the object under the same
// lock, and an open file keeps reading the object it opened, whatever replaces it later. A part of
// a multipart upload is likewise complete on disk before its PUT is answered, and an upload's parts,
// its Complete and its Abort take turns under the upload's own lock (one wins; the other finds the
// upload gone: NoSuchUpload).

'use strict';

const { createHash, randomUUID } = require('node:crypto');
const { createReadStream, createWriteStream } = require('node:fs');
const { createServer } = require('node:http');
const { mkdir, readFile, rename, rm, stat, writeFile } = require('node:fs/promises');
const { dirname, join } = require('node:path');
const { Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');
const S3Error = require('s3rver/lib/models/error');
const S3Object = require('s3rver/lib/models/object');

const MIN_PART_BYTES = 5 * 1024 * 1024;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** What the parent sent, s3rver, and our HTTP server in front of it: set by start(). */
let settings;
let s3rver;
let server;
/** Per-key and per-upload locks: set up by makeStoreAtomic(). */
let locks;
const uploadLockId = (bucket, uploadId) => `upload\u0000${bucket}\u0000${uploadId}`;

class S3Failure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const escapeXml = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function sendXml(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

const noSuchUpload = () =>
  new S3Failure(
    404,
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );

/** The upload's directory (where s3rver keeps its parts), or NoSuchUpload. */
async function uploadDir(url) {
  const [bucket = '', ...key] = url.pathname.slice(1).split('/').map(decodeURIComponent);
  const uploadId = url.searchParams.get('uploadId') ?? '';
  if (!UPLOAD_ID.test(uploadId) || !BUCKET_NAME.test(bucket)) throw noSuchUpload();
  const dir = join(settings.directory, bucket, '._S3rver_uploads', uploadId);
  const storedKey = await readFile(join(dir, 'key'), 'utf8').catch(() => null);
  if (storedKey !== key.join('/')) throw noSuchUpload();
  return { bucket, key: storedKey, uploadId, dir };
}

async function abortMultipartUpload(res, url) {
  const upload = await uploadDir(url);
  await locks.with([uploadLockId(upload.bucket, upload.uploadId)], async () => {
    await uploadDir(url); // gone meanwhile: NoSuchUpload
    await rm(upload.dir, { recursive: true, force: true });
  });
  res.writeHead(204);
  res.end();
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The parts a CompleteMultipartUpload body lists: [{ number, etag }] with the ETag unquoted. */
function listedParts(xml) {
  const parts = [];
  for (const [, part] of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(part);
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(part);
    if (number === null || etag === null) return [];
    parts.push({ number: Number(number[1]), etag: etag[1].replace(/&quot;|&#34;|"/g, '').trim() });
  }
  return parts;
}

async function completeMultipartUpload(req, res, url) {
  const upload = await uploadDir(url);
  const parts = listedParts(await readBody(req));
  if (parts.length === 0) {
    throw new S3Failure(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  }
  if (parts.some((p, i) => i > 0 && p.number <= parts[i - 1].number)) {
    throw new S3Failure(
      400,
      'InvalidPartOrder',
      'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
    );
  }
  // Parts, checks and the joined object under the upload's lock: an Abort, a part or a second
  // Complete of the same upload waits, and then finds it complete (or gone).
  const etag = await locks.with([uploadLockId(upload.bucket, upload.uploadId)], async () => {
    await uploadDir(url);
    await checkParts(upload, parts);
    const digest = createHash('md5');
    for (const part of parts) digest.update(Buffer.from(part.etag, 'hex'));
    const joined = `${digest.digest('hex')}-${parts.length}`;
    await s3rver.store.putObjectMultipart(upload.bucket, upload.uploadId, parts, joined);
    return joined;
  });
  const location = `http://${req.headers.host}/${upload.bucket}/${upload.key}`;
  sendXml(
    res,
    200,
    '<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Location>${escapeXml(location)}</Location><Bucket>${escapeXml(upload.bucket)}</Bucket>` +
      `<Key>${escapeXml(upload.key)}</Key><ETag>${escapeXml(`"${etag}"`)}</ETag>` +
      '</CompleteMultipartUploadResult>',
  );
}

/** Each listed part is there with the listed ETag, and every part but the last is at least 5 MiB. */
async function checkParts(upload, parts) {
  const sizes = [];
  for (const part of parts) {
    const file = join(upload.dir, String(part.number));
    const [md5, size] = await Promise.all([
      readFile(`${file}.md5`, 'utf8').catch(() => null),
      stat(file).then(
        (s) => s.size,
        () => null,
      ),
    ]);
    if (md5 === null || size === null || md5.trim() !== part.etag) {
      throw new S3Failure(
        400,
        'InvalidPart',
        'One or more of the specified parts could not be found. The part may not have been uploaded, ' +
          "or the specified entity tag may not match the part's entity tag.",
      );
    }
    sizes.push(size);
  }
  if (sizes.slice(0, -1).some((size) => size < MIN_PART_BYTES)) {
    throw new S3Failure(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
  }
}

/** One operation at a time per object key; the others wait their turn. */
class KeyLocks {
  constructor() {
    this.tails = new Map();
  }

  async with(names, work) {
    const ids = [...new Set(names)].sort();
    const previous = ids.map((id) => this.tails.get(id) ?? Promise.resolve());
    let release;
    const mine = new Promise((resolve) => {
      release = resolve;
    });
    for (const id of ids) this.tails.set(id, mine);
    try {
      await Promise.all(previous);
      return await work();
    } finally {
      release();
      for (const id of ids) if (this.tails.get(id) === mine) this.tails.delete(id);
    }
  }
}

/** NoSuchUpload as s3rver answers its own errors. */
function noSuchUploadError() {
  const failure = noSuchUpload();
  return new S3Error(failure.code, failure.message);
}

/** Makes the store's object writes atomic for its readers (see the head of this file). */
function makeStoreAtomic(store) {
  locks = new KeyLocks();
  const lockId = (bucket, key) => `${bucket}\u0000${key}`;
  const { getObject, deleteObject, copyObject } = store;

  /** Streams `content` (a Buffer or a stream) into a new file beside the bucket's uploads; its size and md5. */
  async function writeTemporary(bucket, content) {
    const uploads = store.getResourcePath(bucket, undefined, 'uploads');
    await mkdir(uploads, { recursive: true });
    const path = join(uploads, `put-${randomUUID()}`);
    const md5 = createHash('md5');
    let size = 0;
    const count = new Transform({
      transform(chunk, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(content) ? [content] : content;
      await pipeline(source, count, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, size, md5: md5.digest('hex') };
  }

  /** Writes an object whole: `etag` replaces the content's md5 (a multipart upload's ETag). */
  async function putWhole(object, etag) {
    const written = await writeTemporary(object.bucket, object.content);
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    try {
      await locks.with([lockId(object.bucket, object.key)], async () => {
        await mkdir(dirname(objectPath), { recursive: true });
        await store.putMetadata(object.bucket, object.key, object.metadata, etag ?? written.md5);
        await rename(written.path, objectPath);
      });
    } catch (error) {
      await rm(written.path, { force: true });
      throw error;
    }
    return { size: written.size, md5: etag ?? written.md5 };
  }

  store.putObject = (object) => putWhole(object);
  store.getObject = (bucket, key, options) =>
    locks.with([lockId(bucket, key)], () => getObject.call(store, bucket, key, options));
  store.deleteObject = (bucket, key) => locks.with([lockId(bucket, key)], () => deleteObject.call(store, bucket, key));
  /** A copy is written like a PUT (whole, then renamed into place); in place it only replaces the metadata. */
  store.copyObject = async (srcBucket, srcKey, destBucket, destKey, replacementMetadata) => {
    if (srcBucket === destBucket && srcKey === destKey) {
      return locks.with([lockId(srcBucket, srcKey)], () =>
        copyObject.call(store, srcBucket, srcKey, destBucket, destKey, replacementMetadata),
      );
    }
    const source = await store.getObject(srcBucket, srcKey);
    if (source === null) throw Object.assign(new Error(`no object ${srcKey}`), { code: 'ENOENT' });
    await putWhole(new S3Object(destBucket, destKey, source.content, replacementMetadata ?? source.metadata));
    return store.getMetadata(destBucket, destKey);
  };
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    // s3rver takes the upload id as a path segment unchecked; an unknown one is S3's NoSuchUpload.
    const dir = join(store.getResourcePath(bucket, undefined, 'uploads'), String(uploadId));
    if (!UPLOAD_ID.test(String(uploadId)) || !(await stat(join(dir, 'key')).catch(() => null))) {
      throw noSuchUploadError();
    }
    const number = /^\d{1,5}$/.test(String(partNumber)) ? Number(partNumber) : 0;
    if (number < 1 || number > 10_000) {
      throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
        ArgumentName: 'partNumber',
        ArgumentValue: String(partNumber),
      });
    }
    const written = await writeTemporary(bucket, content);
    const partPath = join(dir, String(number));
    try {
      // Under the upload's lock: a Complete or an Abort under way sees this part whole or not at all.
      await locks.with([uploadLockId(bucket, uploadId)], async () => {
        if (!(await stat(join(dir, 'key')).catch(() => null))) throw noSuchUploadError();
        await writeFile(`${partPath}.md5`, written.md5);
        await rename(written.path, partPath);
      });
    } catch (error) {
      await rm(written.path, { force: true });
      throw error;
    }
    return { size: written.size, md5: written.md5 };
  };
  /** Joins the parts of a multipart upload into its object, with the given ETag, and removes the upload. */
  store.putObjectMultipart = async (bucket, uploadId, parts, etag) => {
    const dir = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const [key, metadata] = await Promise.all([
      readFile(join(dir, 'key'), 'utf8'),
      readFile(join(dir, 'metadata'), 'utf8').then(JSON.parse),
    ]);
    const ordered = [...parts].sort((a, b) => a.number - b.number);
    // One part file open at a time; a read error ends the write (and is the request's error).
    async function* content() {
      for (const part of ordered) yield* createReadStream(join(dir, String(part.number)));
    }
    const result = await putWhole(new S3Object(bucket, key, content(), metadata), etag);
    await rm(dir, { recursive: true, force: true });
    return result;
  };
}

/** The operations answered here instead of by s3rver. */
function ownOperation(req, url) {
  if (!url.searchParams.has('uploadId')) return null;
  if (req.method === 'DELETE') return abortMultipartUpload;
  if (req.method === 'POST') return (res) => completeMultipartUpload(req, res, url);
  return null;
}

function start(given) {
  settings = given;
  // s3rver knows one key pair (S3RVER); it checks no SigV4 signature, only that the key exists.
  DUMMY_ACCOUNT.createKeyPair(settings.accessKeyId, settings.secretAccessKey);
  s3rver = new S3rver({
    directory: settings.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: settings.buckets.map((b) => ({ name: b.name, configs: b.configs })),
  });
  makeStoreAtomic(s3rver.store);
  const handle = s3rver.callback();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const own = ownOperation(req, url);
    if (own === null) {
      handle(req, res);
      return;
    }
    own(res, url).catch((error) => {
      const failure = error instanceof S3Failure ? error : new S3Failure(500, 'InternalError', String(error));
      if (!(error instanceof S3Failure)) process.stderr.write(`${error?.stack ?? String(error)}\n`);
      sendXml(
        res,
        failure.status,
        `<Error><Code>${failure.code}</Code><Message>${escapeXml(failure.message)}</Message></Error>`,
      );
    });
  });
  server.keepAliveTimeout = 5_000;
  s3rver
    .configureBuckets()
    .then(
      () =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(settings.port, settings.host, () => resolve());
        }),
    )
    .then(() => process.send({ ready: server.address().port }))
    .catch((error) => {
      process.stderr.write(`s3rver failed to start: ${error?.stack ?? String(error)}\n`);
      process.exit(1);
    });
}

function stop() {
  if (server === undefined) process.exit(0);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('disconnect', stop);
process.on('message', (message) => {
  if (message?.start !== undefined && server === undefined) start(message.start);
  if (message?.stop === true) stop();
});
process.on('SIGTERM', stop);
