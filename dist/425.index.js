export const id = 425;
export const ids = [425];
export const modules = {

/***/ 44425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  itemsOf: () => (/* binding */ itemsOf),
  modeFor: () => (/* binding */ modeFor),
  promptItem: () => (/* binding */ promptItem),
  runMany: () => (/* binding */ runMany)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/claude/client.ts
var claude_client = __webpack_require__(66399);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
// EXTERNAL MODULE: ./src/request/build.ts
var build = __webpack_require__(38817);
// EXTERNAL MODULE: ./src/claude/message.ts
var claude_message = __webpack_require__(7629);
// EXTERNAL MODULE: ./src/files/file-rule.ts
var file_rule = __webpack_require__(8584);
// EXTERNAL MODULE: ./src/inputs/input-names.ts
var input_names = __webpack_require__(23760);
// EXTERNAL MODULE: ./src/report/log-lines.ts + 2 modules
var log_lines = __webpack_require__(11672);
// EXTERNAL MODULE: ./src/retry/failure.ts
var failure = __webpack_require__(53472);
// EXTERNAL MODULE: ./src/retry/sleep.ts
var sleep = __webpack_require__(10929);
;// CONCATENATED MODULE: ./src/many/context.ts
/** Items already built (tests, small callers). */
function itemList(items) {
    return {
        length: items.length,
        id: index => items[index].id,
        get: index => items[index]
    };
}
/** A failed line for every item (nothing could be sent). */
function failedAll(items, error) {
    return Array.from({ length: items.length }, (_, index) => ({
        id: items.id(index),
        status: 'failed',
        attempts: 0,
        error
    }));
}

// EXTERNAL MODULE: ./src/phases/connect.ts + 12 modules
var connect = __webpack_require__(53619);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/claude/json-lines.ts
/**
 * The lines of a batch's results (JSONL), decoded as UTF-8 as they arrive. A line ends at LF or
 * CR (so CRLF too), the same breaks bounded-fetch.ts's per-line limit counts: text the limit lets
 * through as many short lines is many short lines here, never one that grows without end.
 * Each chunk is scanned once, and the text of an unfinished line is kept as pieces joined only
 * when its break comes, so a line of n bytes in k chunks costs O(n), not O(n·k).
 */
const BREAK = /[\r\n]/;
/** Non-empty lines of `chunks`, each without its break. */
async function* jsonLines(chunks, work = { scanned: 0 }) {
    if (!chunks)
        return;
    const decoder = new TextDecoder();
    let pieces = [];
    const lines = function* (text, last) {
        work.scanned += text.length;
        const parts = text.split(BREAK);
        pieces.push(parts[0]);
        if (parts.length === 1 && !last)
            return;
        const first = pieces.join('');
        pieces = parts.length > 1 ? [parts.at(-1)] : [];
        if (first.trim() !== '')
            yield first;
        for (let i = 1; i < parts.length - 1; i++)
            if (parts[i].trim() !== '')
                yield parts[i];
        if (last && pieces.length > 0 && pieces[0].trim() !== '')
            yield pieces[0];
    };
    for await (const chunk of chunks)
        yield* lines(decoder.decode(chunk, { stream: true }), false);
    yield* lines(decoder.decode(), true);
}

;// CONCATENATED MODULE: ./src/claude/batches.ts


/** Whether `client` offers the Message Batches API (the Anthropic client does; Bedrock's and Vertex's do not). */
function hasBatches(client) {
    const messages = client?.messages;
    return typeof messages?.batches?.create === 'function';
}
/** The label attempt records carry for batch requests (where a Messages request has its model). */
const BATCH_LABEL = 'message-batches';
/**
 * Creates a Message Batch from its JSON body, `{"requests": [...]}` (BatchCreateParams), given
 * whole as a Blob: batch/batch-body.ts writes it to a file, and fetch streams it from there. The
 * SDK's batches.create would serialise every request into one string first. Sent where
 * batches.create sends it, with the client's headers.
 */
function createBatchOnce(client, body, context) {
    return (0,claude_client/* attemptRequest */.Dc)(BATCH_LABEL, context, async (options) => {
        const { data, request_id } = await client
            .post('/v1/messages/batches', {
            ...options,
            body,
            headers: { 'content-type': 'application/json' }
        })
            .withResponse();
        return { value: data, requestId: request_id ?? null, problem: batchProblem(data) };
    });
}
function retrieveBatchOnce(client, id, context) {
    return (0,claude_client/* attemptRequest */.Dc)(BATCH_LABEL, context, async (options) => {
        const { data, request_id } = await client.messages.batches.retrieve(id, {}, options).withResponse();
        return { value: data, requestId: request_id ?? null, problem: batchProblem(data) };
    });
}
function cancelBatchOnce(client, id, context) {
    return (0,claude_client/* attemptRequest */.Dc)(BATCH_LABEL, context, async (options) => {
        const { data, request_id } = await client.messages.batches.cancel(id, {}, options).withResponse();
        return { value: data, requestId: request_id ?? null };
    });
}
/**
 * Streams an ended batch's results (JSONL) and hands each parsed line to `onLine`, awaiting it
 * before the next is read: one line in memory at a time, the body read only as fast as lines are
 * taken (boundedFetch bounds each line). The whole download is one attempt: a connection cut
 * half-way is retried by the loop, and the caller skips the ids it already has.
 */
function streamResultsOnce(client, batch, onLine, context) {
    return (0,claude_client/* attemptRequest */.Dc)(BATCH_LABEL, context, async (options) => {
        const url = resultsUrl(client.baseURL, batch);
        const response = await client
            .get(url, { ...options, stream: true, __binaryResponse: true, headers: { Accept: 'application/binary' } })
            .asResponse();
        const requestId = response.headers.get('request-id');
        let count = 0;
        let problem;
        for await (const line of jsonLines(response.body)) {
            let parsed;
            try {
                parsed = JSON.parse(line);
            }
            catch {
                problem = `line ${count + 1} of the results is not JSON`;
                break;
            }
            await onLine(parsed);
            count++;
        }
        return { value: count, requestId, problem };
    });
}
/**
 * The batch's results_url when it is on the API's own origin; otherwise the documented path under
 * the base URL. The key (or a gateway's credential header) goes with the request: a results_url
 * on another host (a hostile or misconfigured server) must not receive it.
 */
function resultsUrl(baseURL, batch) {
    const base = baseURL.replace(/\/+$/, '');
    const documented = `${base}/v1/messages/batches/${encodeURIComponent(batch.id)}/results`;
    if (!batch.results_url)
        return documented;
    try {
        return new URL(batch.results_url).origin === new URL(base).origin ? batch.results_url : documented;
    }
    catch {
        return documented;
    }
}
/** A 2xx batch object the loop can rely on: an id and a processing status. */
function batchProblem(batch) {
    if (typeof batch?.id !== 'string' || batch.id === '')
        return 'the response is not a Message Batch (no id)';
    if (typeof batch.processing_status !== 'string')
        return 'the Message Batch has no processing_status';
    return undefined;
}

// EXTERNAL MODULE: ./src/report/output-names.ts
var output_names = __webpack_require__(93952);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/report/batch-lines.ts
/**
 * The sentences of batch mode (batch/run-batches.ts): submissions, the progress line at each poll with
 * the batch's own request_counts, retries, and how a run that does not wait hands its batches on.
 * Batch ids come from the server: every line goes through oneLine.
 */





const coreBatchLog = { info: line => core/* info */.pq(line), warning: line => core/* warning */.$e(line) };
function splitLine(items, batches, limits) {
    if (batches <= 1)
        return `Submitting ${(0,util_text/* plural */.LS)(items, 'request')} as one Message Batch.`;
    return `Submitting ${(0,util_text/* plural */.LS)(items, 'request')} as ${batches} Message Batches (at most ${limits.maxRequests} requests and ${limits.maxBytes} bytes per batch).`;
}
function submittedLine(batch, requests) {
    return (0,format/* oneLine */.T)(`Message Batch ${batch.id} submitted with ${(0,util_text/* plural */.LS)(requests, 'request')}.`);
}
function halvedLine(requests) {
    return `A Message Batch of ${(0,util_text/* plural */.LS)(requests, 'request')} was refused as too large (413): submitting it in two halves.`;
}
function submitFailedLine(requests, error) {
    return (0,format/* oneLine */.T)(`A Message Batch of ${(0,util_text/* plural */.LS)(requests, 'request')} could not be submitted: ${error}`);
}
/** The progress line of one poll: the batch's status and its request_counts, and the time so far. */
function progressLine(batch, elapsedMs) {
    const c = batch.request_counts;
    const counts = c
        ? `${c.succeeded + c.errored + c.canceled + c.expired} of ${c.processing + c.succeeded + c.errored + c.canceled + c.expired} ended (succeeded ${c.succeeded}, errored ${c.errored}, expired ${c.expired}, canceled ${c.canceled}), ${c.processing} processing`
        : 'no request_counts';
    return (0,format/* oneLine */.T)(`Message Batch ${batch.id}: ${batch.processing_status}; ${counts}; ${(0,util_text/* formatSeconds */.Xo)(elapsedMs)} so far.`);
}
function readingLine(id, lines) {
    return (0,format/* oneLine */.T)(`Message Batch ${id}: ${(0,util_text/* plural */.LS)(lines, 'result')} read so far.`);
}
function collectedLine(id, lines, written) {
    const skipped = lines - written;
    return (0,format/* oneLine */.T)(`Message Batch ${id}: ${(0,util_text/* plural */.LS)(lines, 'result')} read${skipped > 0 ? `, ${skipped} already in the results file` : ''}.`);
}
/** Lines for ids this run never submitted: counted, never quoted (the ids come from the server). */
function strayResultsLine(id, count) {
    return (0,format/* oneLine */.T)(`Message Batch ${id}: ignored ${(0,util_text/* plural */.LS)(count, 'result line')} whose custom_id is not in '${input_names/* Inputs */.G0.promptsFile}' (never submitted by this run); nothing was written for ${count === 1 ? 'it' : 'them'}.`);
}
/** `reasons`: why each request goes again (its error type, or expired). */
function resubmitLine(count, reasons) {
    const counts = new Map();
    for (const reason of reasons)
        counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const why = [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
    return (0,format/* oneLine */.T)(`Resubmitting ${(0,util_text/* plural */.LS)(count, 'request')} in a new Message Batch (${why}).`);
}
function notWaitingLine(ids) {
    return (0,format/* oneLine */.T)(`'${input_names/* Inputs */.G0.batchWait}' is false: not waiting for ${(0,util_text/* plural */.LS)(ids.length, 'Message Batch', 'Message Batches')} (${ids.join(', ')}). Collect them later by passing the output '${output_names/* Outputs */.t.batchIds}' to the input '${input_names/* Inputs */.G0.batchIds}'.`);
}
function deadlineLine(ids, totalTimeoutMs) {
    const limit = totalTimeoutMs === undefined ? 'the deadline' : `total-timeout (${(0,util_text/* formatSeconds */.Xo)(totalTimeoutMs)})`;
    return (0,format/* oneLine */.T)(`${limit} reached with ${(0,util_text/* plural */.LS)(ids.length, 'Message Batch', 'Message Batches')} still processing (${ids.join(', ')}): they keep running; collect them with '${input_names/* Inputs */.G0.batchIds}'.`);
}
/** The `error` of an item whose batch was still processing at the deadline. */
function deadlineError(id) {
    return `deadline: Message Batch ${id} was still processing; collect it with '${input_names/* Inputs */.G0.batchIds}'`;
}
function cancelLine(id, outcome) {
    return (0,format/* oneLine */.T)(`Cancelling Message Batch ${id}: ${outcome}.`);
}
/** Why a run cannot use Message Batches: mock-response, or a provider without the API. */
function noBatchesReason(mock, provider) {
    return `${mock ? `'${input_names/* Inputs */.G0.mockResponse}'` : `provider '${provider}'`} has no Message Batches API`;
}
function directInsteadLine(why) {
    return `${why}: running the items in direct mode instead.`;
}
function noBatchesError(why) {
    return `${why}; use '${input_names/* Inputs */.G0.mode}: direct' (or the Claude API).`;
}
/** The summary's notes on a batch run: its batches, and those still to collect. */
function batchNotes(batchIds, pending) {
    const notes = batchIds.length > 0 ? [`Message Batches: ${batchIds.join(', ')}`] : [];
    if (pending.length > 0)
        notes.push(`Still to collect (output '${input_names/* Inputs */.G0.batchIds}'): ${pending.join(', ')}`);
    return notes;
}

// EXTERNAL MODULE: ./src/retry/loop.ts
var retry_loop = __webpack_require__(69258);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/batch/batch-body.ts
/**
 * A Message Batch's create body, written to a temporary file one request at a time and sent from
 * there: a Blob backed by the file, which fetch streams with its Content-Length. A batch may hold
 * 100,000 requests and 256 MB; its body is never in memory whole, nor are its requests together.
 * The file holds the prompts, so it is private (0600, in a fresh 0700 folder) and removed as soon
 * as the batch is created or given up.
 */



/** Text gathered before each write: large enough for few writes, small enough to die young. */
const WRITE_CHARS = 64 * 1024;
/** One request of a create body: the item's id as custom_id, its Messages request as params. */
function batchRequestJson(item) {
    return JSON.stringify({ custom_id: item.id, params: item.params });
}
/**
 * `{"requests":[` + the JSON of requests 0 to count - 1, comma-separated, + `]}`, in a new file
 * under `folder`. Each request is asked for (`request(position)`) as it is written, then dropped.
 */
async function writeBatchBody(folder, count, request) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(folder, 'ask-claude-batch-'));
    const dispose = () => (0,promises_.rm)(dir, { recursive: true, force: true });
    try {
        const file = external_node_path_default().join(dir, 'requests.json');
        const handle = await (0,promises_.open)(file, 'wx', 0o600);
        try {
            let pending = '{"requests":[';
            for (let position = 0; position < count; position++) {
                pending += position === 0 ? request(position) : `,${request(position)}`;
                if (pending.length >= WRITE_CHARS) {
                    await handle.write(pending);
                    pending = '';
                }
            }
            await handle.write(`${pending}]}`);
        }
        finally {
            await handle.close();
        }
        return { blob: await (0,external_node_fs_.openAsBlob)(file, { type: 'application/json' }), dispose };
    }
    catch (error) {
        await dispose();
        throw error;
    }
}
/**
 * Writes the body (writeBatchBody), sends it (`send`: the create call in the retry loop) and
 * removes the file, whatever the call's outcome. A body that cannot be written (a full disk, a
 * temp folder that cannot be written) is a final failure of the call: nothing was sent, and the
 * batch's items fail with the reason.
 */
async function sendFromFile(folder, count, request, send) {
    let body;
    try {
        body = await writeBatchBody(folder, count, request);
    }
    catch (error) {
        return notWritten(error, folder);
    }
    try {
        return await send(body.blob);
    }
    finally {
        await body.dispose();
    }
}
function notWritten(error, folder) {
    const { code, message } = error;
    const why = `the batch's body could not be written under ${folder}: ${code ?? message ?? String(error)}`;
    const failure = {
        kind: 'client',
        status: null,
        errorType: 'client_error',
        errorCode: null,
        requestId: null,
        message: why,
        headers: {}
    };
    return {
        ok: false,
        failure,
        stop: 'final-error',
        detail: { reason: 'final-error', why },
        attempts: [],
        durationMs: 0
    };
}

;// CONCATENATED MODULE: ./src/batch/batch-ledger.ts
class Ledger {
    results;
    skip;
    done = new Set();
    outcome;
    constructor(results, total, skip = new Set()) {
        this.results = results;
        this.skip = skip;
        const counts = { succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0, createRequests: 0, submitted: 0 };
        this.outcome = { total, ...counts, batchIds: [], pending: [] };
    }
    /** A create call ended after `attempts` attempts, making a batch of `requests` requests (0 when it failed). */
    created(attempts, requests) {
        this.outcome.createRequests += attempts;
        this.outcome.submitted += requests;
    }
    has(id) {
        return this.done.has(id) || this.skip.has(id);
    }
    /** Marks the id as having its line (false when it already has one): a line is then due from the caller. */
    claim(id) {
        if (this.has(id))
            return false;
        this.done.add(id);
        return true;
    }
    /** Writes claimed results, in one write and one fsync, and counts them. */
    async commit(results) {
        if (results.length === 0)
            return;
        await this.results.writeAll(results);
        for (const result of results)
            this.count(result);
    }
    count(result) {
        if (result.status === 'succeeded')
            this.outcome.succeeded++;
        else
            this.outcome.failed++;
        this.outcome.inputTokens += result.usage?.input_tokens ?? 0;
        this.outcome.outputTokens += result.usage?.output_tokens ?? 0;
    }
    /** A failed line for each id that has none yet, in one write; while `now() < until`. */
    async fail(ids, error, attempts, now, until = Infinity) {
        if (now() >= until)
            return;
        const failed = [];
        for (const id of ids) {
            if (this.claim(id))
                failed.push({ id, status: 'failed', attempts: attempts(id), error });
        }
        await this.commit(failed);
    }
    /** The counts as the outputs give them: every item accounted for once. */
    finish(stopped) {
        const outcome = { ...this.outcome, total: Math.max(this.outcome.total, this.done.size) };
        // Items a cancel had no time to write a line for are failures all the same.
        if (stopped)
            outcome.failed = Math.max(outcome.failed, outcome.total - outcome.succeeded);
        return stopped ? { ...outcome, stopped } : outcome;
    }
}

// EXTERNAL MODULE: ./src/retry/backoff.ts
var backoff = __webpack_require__(68974);
;// CONCATENATED MODULE: ./src/batch/batch-plan.ts
/**
 * The pure parts of batch mode: how items are cut into batches within the API's limits, how long
 * to wait between polls, and what one line of a batch's results means for its item (a result to
 * write, or another submission). No clock, no timers, no network: run-batches.ts passes them in.
 */

/**
 * The Message Batches API's limits per batch (API reference, "Create a Message Batch":
 * `requests` maxItems 100,000; the batch-processing guide: "limited to either 100,000 Message
 * requests or 256 MB in size, whichever is reached first"). Results stay downloadable for 29
 * days after a batch is created; a batch that is not done in 24 h expires.
 */
const API_BATCH_LIMITS = { maxRequests: 100_000, maxBytes: 256 * 1000 * 1000 };
/** The JSON envelope around the requests: `{"requests":[` … `]}`. */
const ENVELOPE_BYTES = '{"requests":[]}'.length;
/** Bytes one request adds to a create body: its JSON and the comma before it. */
function requestBytes(json) {
    return Buffer.byteLength(json) + 1;
}
/**
 * Cuts `requests` into consecutive runs that each fit `limits`, in order. A single request larger
 * than maxBytes on its own still gets a batch of its own: the API refuses it there, and only it.
 * Sizes are measured one at a time (bytesOf); nothing but the requests given is kept.
 */
function splitIntoBatches(requests, bytesOf, limits) {
    const batches = [];
    let current = [];
    let bytes = ENVELOPE_BYTES;
    for (const request of requests) {
        const size = bytesOf(request);
        if (current.length > 0 && (current.length >= limits.maxRequests || bytes + size > limits.maxBytes)) {
            batches.push(current);
            current = [];
            bytes = ENVELOPE_BYTES;
        }
        current.push(request);
        bytes += size;
    }
    if (current.length > 0)
        batches.push(current);
    return batches;
}
/** A cancel may take this long in all (the cancel calls, then the lines for items with no result). */
const CANCEL_BUDGET_MS = 700;
/** The first poll comes this soon after a submission: a small batch can end within seconds. */
const FIRST_POLL_MS = 1_000;
/**
 * Polls never come further apart than this, whatever max-delay says: each poll logs the batch's
 * request_counts, and the progress rule is a line at least every 10 s. A retrieve every 10 s for
 * 24 h is 8,640 small requests, well inside the batch API's own rate limit.
 */
const LONGEST_POLL_MS = 10_000;
/**
 * The wait before poll `n` (1 for the first poll after the submission): growing like the retry
 * backoff from FIRST_POLL_MS, with the policy's jitter, capped by max-delay (and LONGEST_POLL_MS).
 * Polls are not failures: max-retries does not count them; the deadline bounds them.
 */
function pollDelay(n, previousMs, policy, random) {
    const cap = Math.min(policy.maxDelayMs, LONGEST_POLL_MS);
    const base = Math.min(FIRST_POLL_MS, cap);
    // Full jitter on a poll could mean polling again at once: keep at least half the step.
    const jitter = policy.jitter === 'full' ? 'equal' : policy.jitter;
    return Math.round((0,backoff/* backoffDelay */.EY)(n, previousMs, { baseDelayMs: base, maxDelayMs: cap, jitter }, random));
}
/**
 * `errored` results whose error type is worth another submission: the same transient types the
 * retry loop retries for a direct request (an overloaded or failing server, a rate limit, a
 * timeout). Anything else (invalid_request_error, authentication, permission, not found, billing,
 * request_too_large) would fail again.
 */
const TRANSIENT_ERROR_TYPES = new Set([
    'overloaded_error',
    'api_error',
    'rate_limit_error',
    'timeout_error'
]);
/**
 * What one result means. `submissions` is how many batches this item has been in so far; a
 * transient `errored` or an `expired` item goes into another batch while submissions <=
 * maxRetries (max-retries counts failed requests, and each submission is one).
 */
function verdictOf(result, submissions, maxRetries) {
    const value = (typeof result === 'object' && result !== null ? result : {});
    const again = submissions <= maxRetries;
    switch (value.type) {
        case 'succeeded':
            return { kind: 'succeeded', message: value.message };
        case 'expired':
            return again
                ? { kind: 'retry', why: 'expired' }
                : { kind: 'failed', error: 'expired: the batch ended (24 h) before this request was processed' };
        case 'canceled':
            return { kind: 'failed', error: 'canceled: the batch was canceled before this request was processed' };
        case 'errored': {
            const { type, message } = errorOf(value.error);
            if (TRANSIENT_ERROR_TYPES.has(type) && again)
                return { kind: 'retry', why: type };
            return { kind: 'failed', error: `${type}: ${message}` };
        }
        default:
            return { kind: 'failed', error: `invalid_response: a result of unknown type ${JSON.stringify(value.type)}` };
    }
}
/** `result.error` is the API's error envelope ({type:'error', error:{type, message}}). */
function errorOf(envelope) {
    const outer = (typeof envelope === 'object' && envelope !== null ? envelope : {});
    const inner = (typeof outer.error === 'object' && outer.error !== null ? outer.error : outer);
    return {
        type: typeof inner.type === 'string' ? inner.type : 'api_error',
        message: typeof inner.message === 'string' ? inner.message : 'no message'
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/request/request-hash.ts
/**
 * A request's fingerprint for resume: the SHA-256 (hex) of the canonical JSON of the params sent,
 * keys sorted at every level, so the same request always gives the same hash whatever order its
 * fields were built in. Attachments are in the params (base64), so their bytes count; headers are
 * not params, so a rotated credential does not make every item run again.
 */

function requestSha256(params) {
    return (0,external_node_crypto_.createHash)('sha256').update(canonicalJson(params)).digest('hex');
}
/** JSON with every object's keys in code-unit order; undefined members dropped, as JSON.stringify does. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(item => canonicalJson(item ?? null)).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, member]) => member !== undefined && typeof member !== 'function')
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}

// EXTERNAL MODULE: ./src/claude/redact.ts
var redact = __webpack_require__(43105);
// EXTERNAL MODULE: ./src/claude/schema.ts
var schema = __webpack_require__(1623);
;// CONCATENATED MODULE: ./src/batch/batch-results.ts
/**
 * One line of a batch's results turned into what run-batches.ts does with it: an ItemResult to write,
 * or the item's next submission. The line comes from the server: its Message is checked like a
 * direct answer (checkMessage), its fields around the answer redacted, the answer held against
 * the schema when there is one.
 */




/** Result lines per write (and fsync) while a batch's results are read. */
const COMMIT_LINES = 256;
/** While results are read, a progress line at least this often. */
const PROGRESS_MS = 10_000;
/**
 * Streams a batch's results into the ledger, COMMIT_LINES lines per write and fsync: the batch
 * keeps its results for 29 days, so a line not yet on disk at a crash is read again, never lost.
 * (One fsync per line made 10,000 results take seconds.) What was taken is written whatever
 * happens to the download.
 */
async function readIntoLedger(reading) {
    const due = [];
    let read = 0;
    let written = 0;
    let logged = reading.now();
    const commit = async () => {
        written += due.length;
        await reading.ledger.commit(due.splice(0));
    };
    const onLine = async (line) => {
        read++;
        const result = reading.take(line);
        if (result)
            due.push(result);
        if (due.length >= COMMIT_LINES)
            await commit();
        if (reading.now() - logged >= PROGRESS_MS) {
            logged = reading.now();
            reading.progress(read);
        }
    };
    let streamed;
    try {
        streamed = await reading.read(onLine);
    }
    finally {
        await commit();
    }
    return { streamed, read, written };
}
function outcomeOfLine(line, context) {
    const record = (typeof line === 'object' && line !== null ? line : {});
    const id = record.custom_id;
    if (typeof id !== 'string' || id === '')
        return { kind: 'invalid', problem: 'a result line has no custom_id' };
    const { submissions, maxRetries, schemaCheck, canResubmit } = context(id);
    const failed = (error) => ({
        kind: 'write',
        id,
        result: { id, status: 'failed', attempts: submissions, error: (0,redact/* redactKeys */.iY)(error) }
    });
    const retryOr = (why, error) => canResubmit && submissions <= maxRetries ? { kind: 'retry', id, why } : failed(error);
    const verdict = verdictOf(record.result, submissions, canResubmit ? maxRetries : 0);
    if (verdict.kind === 'failed')
        return failed(verdict.error);
    if (verdict.kind === 'retry')
        return { kind: 'retry', id, why: verdict.why };
    const check = (0,claude_message/* checkMessage */.g6)(verdict.message);
    if (!check.ok)
        return failed(`invalid_response: ${check.problem}`);
    const message = (0,redact/* redactMessage */.b6)(check.message);
    const text = (0,claude_message/* responseText */.x)(message);
    const result = {
        id,
        status: 'succeeded',
        response: text,
        usage: message.usage,
        stop_reason: message.stop_reason,
        model: message.model,
        attempts: submissions,
        request_id: null
    };
    if (!schemaCheck)
        return { kind: 'write', id, result };
    const structured = (0,schema/* checkStructured */.ae)(text, schemaCheck);
    if (structured.ok)
        return { kind: 'write', id, result: { ...result, json: JSON.parse(structured.json) } };
    if (message.stop_reason === 'max_tokens') {
        return failed(`output_truncated: the answer was cut off at max-tokens, so ${structured.message}`);
    }
    // As in direct mode: an answer that does not follow the schema is asked for again.
    const error = `${structured.errorType}: ${structured.message}`;
    const outcome = retryOr(structured.errorType, error);
    return outcome.kind === 'write' ? { ...outcome, result: { ...result, status: 'failed', error } } : outcome;
}

;// CONCATENATED MODULE: ./src/batch/batch-state.ts
/**
 * One batch run's state: the batches it has open, the items waiting for another submission, and
 * the ledger of what it wrote. run-batches.ts starts it; the comments there say what it does.
 */










class BatchRun {
    deps;
    items;
    /** Each item's index by id: a result line names its item by id (custom_id). */
    indexOf = new Map();
    submissions = new Map();
    /** Ids whose next submission waits for the end of this poll round, with why. */
    retrying = new Map();
    /** Items (indexes) a cancel stopped before their batch was created. */
    unsubmitted = [];
    open = [];
    /** Result lines whose custom_id this run never submitted: ignored, counted. */
    strays = 0;
    ledger;
    log;
    started;
    constructor(deps, items) {
        this.deps = deps;
        this.items = items;
        for (let index = 0; index < items.length; index++)
            this.indexOf.set(items.id(index), index);
        this.ledger = new Ledger(deps.results, items.length, deps.skip);
        this.log = deps.log ?? coreBatchLog;
        this.started = deps.loop.now();
    }
    adopt(ids) {
        for (const id of ids)
            this.open.push({ id });
        this.ledger.outcome.batchIds.push(...ids);
    }
    /** The items at `indexes` in as many batches as the limits need; each request is built when measured and when written. */
    async submit(indexes) {
        const limits = this.deps.limits ?? API_BATCH_LIMITS;
        const bytes = (index) => requestBytes(batchRequestJson(this.items.get(index)));
        const chunks = splitIntoBatches(indexes, bytes, limits);
        this.log.info(splitLine(indexes.length, chunks.length, limits));
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
            if (this.deps.loop.signal.aborted) {
                this.unsubmitted.push(...chunk);
                continue;
            }
            const created = await this.create(chunk);
            if (created.ok) {
                this.open.push({ id: created.value.id, members: chunk });
                this.ledger.outcome.batchIds.push(created.value.id);
                this.log.info(submittedLine(created.value, chunk.length));
            }
            else if (created.stop === 'cancelled') {
                this.unsubmitted.push(...chunk);
            }
            else if (created.failure.status === 413 && chunk.length > 1) {
                // Too large for the API or (likelier) a gateway's lower body limit: halve until each half fits.
                const half = Math.ceil(chunk.length / 2);
                this.log.info(halvedLine(chunk.length));
                chunks.unshift(chunk.slice(0, half), chunk.slice(half));
            }
            else {
                const error = (0,failure/* describeFailure */.I)(created.failure);
                this.log.warning(submitFailedLine(chunk.length, error));
                await this.ledger.fail(this.idsOf(chunk), error, this.submissionsOf, this.deps.loop.now);
            }
        }
    }
    /** One create call in the retry loop, its body written to a file first (batch-body.ts). */
    async create(chunk) {
        const request = (at) => batchRequestJson(this.items.get(chunk[at]));
        const create = (body) => this.call(context => createBatchOnce(this.deps.client, body, context), 'Creating a Message Batch: ');
        const created = await sendFromFile(this.deps.tempDir, chunk.length, request, create);
        this.ledger.created(created.attempts.length, created.ok ? chunk.length : 0);
        return created;
    }
    idsOf = (indexes) => indexes.map(index => this.items.id(index));
    requestSha = (index) => requestSha256(this.items.get(index).params);
    /** Not waiting (any longer): the open batches are the step's `batch-ids`. */
    handOn() {
        const ids = this.open.map(batch => batch.id);
        this.ledger.outcome.pending.push(...ids);
        if (ids.length > 0)
            this.log.info(notWaitingLine(ids));
        return this.ledger.finish();
    }
    async drive() {
        const { loop, policy, wait } = this.deps;
        const deadline = loop.deadline ?? (policy.totalTimeoutMs === undefined ? Infinity : this.started + policy.totalTimeoutMs);
        let poll = 0;
        let previous;
        for (;;) {
            for (const batch of [...this.open]) {
                if (loop.signal.aborted)
                    return this.cancel();
                const polled = await this.call(context => retrieveBatchOnce(this.deps.client, batch.id, context), `Polling Message Batch ${batch.id}: `, true);
                if (loop.signal.aborted)
                    return this.cancel();
                if (!polled.ok) {
                    // Left for a later run to collect; its items are failures of this one.
                    await this.close(batch, `the batch could not be polled: ${(0,failure/* describeFailure */.I)(polled.failure)}`, true);
                    continue;
                }
                this.log.info(progressLine(polled.value, loop.now() - this.started));
                if (polled.value.processing_status === 'ended')
                    await this.collect(batch, polled.value);
            }
            if (loop.signal.aborted)
                return this.cancel();
            if (this.retrying.size > 0) {
                await this.resubmit();
                poll = 0;
                previous = undefined;
            }
            if (this.open.length === 0 || !wait)
                return this.handOn();
            const delay = pollDelay(++poll, previous, policy, loop.random);
            previous = delay;
            if (loop.now() + delay >= deadline)
                return this.stopAtDeadline();
            await loop.sleep(delay, loop.signal);
            if (loop.signal.aborted)
                return this.cancel();
        }
    }
    /** One API call in the retry loop, logged like any attempt; a poll's or download's success only by the progress line after it. */
    call(attempt, prefix, quiet = false) {
        const logger = (0,log_lines/* attemptLogger */.mx)(prefix, this.deps.policy);
        const onAttempt = (event) => (quiet && event.outcome === 'success' ? undefined : logger(event));
        return (0,retry_loop/* retry */.L)(this.deps.policy, { ...this.deps.loop, attempt, onAttempt });
    }
    async collect(batch, status) {
        const { loop } = this.deps;
        const straysBefore = this.strays;
        const { streamed, read, written } = await readIntoLedger({
            read: onLine => this.call(context => streamResultsOnce(this.deps.client, status, onLine, context), `Reading the results of Message Batch ${batch.id}: `, true),
            take: line => this.take(line),
            ledger: this.ledger,
            progress: count => this.log.info(readingLine(batch.id, count)),
            now: loop.now
        });
        this.log.info(collectedLine(batch.id, read, written));
        if (this.strays > straysBefore)
            this.log.warning(strayResultsLine(batch.id, this.strays - straysBefore));
        if (loop.signal.aborted)
            return;
        const why = streamed.ok
            ? `no result for this id in Message Batch ${batch.id}`
            : `the results of Message Batch ${batch.id} could not be read: ${(0,failure/* describeFailure */.I)(streamed.failure)}`;
        await this.close(batch, why, !streamed.ok);
    }
    /** One result line: its result to write (the id claimed as the run's own copy, not the line's), or queued for another submission. */
    take(line) {
        const { policy, schemaCheck } = this.deps;
        const outcome = outcomeOfLine(line, id => ({
            submissions: this.submissionsOf(id),
            maxRetries: policy.maxRetries,
            schemaCheck,
            canResubmit: this.indexOf.has(id)
        }));
        if (outcome.kind === 'invalid')
            return void this.log.warning(outcome.problem);
        // With a prompts file, a line for an id never submitted is not this run's (by batch-ids alone, every line is).
        if (this.items.length > 0 && !this.indexOf.has(outcome.id))
            return void this.strays++;
        if (this.ledger.has(outcome.id) || this.retrying.has(outcome.id))
            return undefined;
        if (outcome.kind === 'retry') {
            this.retrying.set(outcome.id, outcome.why);
            return undefined;
        }
        const index = this.indexOf.get(outcome.id);
        if (!this.ledger.claim(index === undefined ? outcome.id : this.items.id(index)))
            return undefined;
        return index === undefined ? outcome.result : { ...outcome.result, request_sha256: this.requestSha(index) };
    }
    async resubmit() {
        const indexes = [...this.retrying.keys()].flatMap(id => this.indexOf.get(id) ?? []);
        this.log.info(resubmitLine(indexes.length, this.retrying.values()));
        for (const id of this.idsOf(indexes))
            this.submissions.set(id, this.submissionsOf(id) + 1);
        this.retrying.clear();
        await this.submit(indexes);
    }
    /** Done with the batch: its members with no result (and none coming) fail with `why`. */
    async close(batch, why, keepPending, until = Infinity) {
        this.open = this.open.filter(open => open !== batch);
        if (keepPending)
            this.ledger.outcome.pending.push(batch.id);
        const members = this.idsOf(batch.members ?? []).filter(id => !this.retrying.has(id));
        await this.ledger.fail(members, why, this.submissionsOf, this.deps.loop.now, until);
    }
    async stopAtDeadline() {
        const ids = this.open.map(batch => batch.id);
        this.log.warning(deadlineLine(ids, this.deps.policy.totalTimeoutMs));
        for (const batch of [...this.open])
            await this.close(batch, deadlineError(batch.id), true);
        return this.ledger.finish('deadline');
    }
    /** The step was cancelled: cancel the open batches (one call each, all at once), then note the rest. */
    async cancel() {
        const { client, loop } = this.deps;
        const until = loop.now() + CANCEL_BUDGET_MS;
        // Not the step's signal, which is aborted: these calls are the cancel.
        const context = { attempt: 1, timeoutMs: CANCEL_BUDGET_MS / 2, signal: new AbortController().signal };
        await Promise.all(this.open.map(async (batch) => {
            const sent = await cancelBatchOnce(client, batch.id, context);
            const said = sent.ok ? sent.value.processing_status : (0,failure/* describeFailure */.I)(sent.failure);
            this.log.info(cancelLine(batch.id, said));
        }));
        for (const batch of [...this.open]) {
            await this.close(batch, `cancelled (Message Batch ${batch.id} was cancelled)`, true, until);
        }
        const rest = [...this.idsOf(this.unsubmitted), ...this.retrying.keys()];
        await this.ledger.fail(rest, 'cancelled', this.submissionsOf, loop.now, until);
        return this.ledger.finish('cancelled');
    }
    submissionsOf = (id) => this.submissions.get(id) ?? 1;
}

;// CONCATENATED MODULE: ./src/batch/run-batches.ts


/** Submits `items` (all, or the first batches with batch-wait false) and, with batch-wait, collects them. */
async function runBatches(items, deps) {
    const run = new BatchRun(deps, items);
    await run.submit(Array.from({ length: items.length }, (_, index) => index));
    // A cancel during the submissions still cancels the batches already made (drive() does).
    if (!deps.wait && !deps.loop.signal.aborted)
        return run.handOn();
    return run.drive();
}
/** Collects batches by id into the results file; with `items` (prompts-file), failed items can be resubmitted. */
async function collectBatches(batchIds, deps, items = itemList([])) {
    const run = new BatchRun(deps, items);
    run.adopt(batchIds);
    return run.drive();
}

// EXTERNAL MODULE: ./src/cost/estimate.ts
var estimate = __webpack_require__(10779);
// EXTERNAL MODULE: ./src/cost/prices.ts
var prices = __webpack_require__(51295);
;// CONCATENATED MODULE: ./src/batch/batch-cost.ts
/**
 * The cost estimate of one batch result: its usage at the model's price, halved. Anthropic bills
 * Message Batches at 50% of the standard prices (the batch-processing guide: "All usage is
 * charged at 50% of the standard API prices"). A request that errored, expired or was canceled
 * is not billed.
 */


const BATCH_PRICE_FACTOR = 0.5;
function batchCost(result, book) {
    if (!result.usage || result.model === undefined)
        return { usd: 0, attemptsPriced: 0 };
    // A batch result may report its tier (`service_tier: 'batch'`, as the SDK's Usage type has it):
    // that is the tier priced here, at the standard price times BATCH_PRICE_FACTOR.
    const usage = result.usage.service_tier === 'batch' ? { ...result.usage, service_tier: null } : result.usage;
    const reading = (0,estimate/* readUsage */.k9)(usage);
    if (!reading.ok)
        return { usd: undefined, why: reading.why };
    const lookup = (0,prices/* priceOf */.xx)(result.model, book);
    if (!lookup)
        return { usd: undefined, why: `the model ${result.model} has no known price` };
    const priced = (0,estimate/* priceUsage */.zP)(reading.counts, lookup.price);
    return priced.ok ? { usd: priced.usd * BATCH_PRICE_FACTOR, attemptsPriced: 1 } : { usd: undefined, why: priced.why };
}

;// CONCATENATED MODULE: ./src/batch/batch-mode.ts
/**
 * Batch mode, wired into a many-prompts run (run-many.ts): the client, the Recorder as the results
 * sink (so the outputs, the summary and the progress count batch results like direct ones), and
 * runBatches or collectBatches (run-batches.ts) by what the inputs gave.
 */







/**
 * The run in batch mode; undefined when `mode: auto` picked batch but this provider (or
 * mock-response) has no Message Batches, so run-many.ts runs the items direct instead.
 */
async function runBatchMode(run) {
    const { config, many, items, recorder, loop } = run;
    const base = { tally: recorder.tally, mode: 'batch', resultsFile: recorder.file.path, stopped: undefined };
    const capable = config.provider.name === 'anthropic' && config.mockResponse === undefined;
    if (!capable) {
        const why = noBatchesReason(config.mockResponse !== undefined, config.provider.name);
        if (many.mode === 'auto' && many.batchIds.length === 0) {
            core/* info */.pq(directInsteadLine(why));
            return undefined;
        }
        return failAll(run, base, noBatchesError(why));
    }
    const setup = await run.connect();
    if (!setup.ok)
        return failAll(run, base, setup.explanation, setup.error);
    if (!hasBatches(setup.client))
        return failAll(run, base, 'this client has no Message Batches API.');
    const deps = {
        client: setup.client,
        results: { writeAll: results => recorder.recordAll(results, result => batchCost(result, config.cost.book)) },
        policy: config.retry,
        loop,
        wait: many.batchWait,
        tempDir: process.env.RUNNER_TEMP || external_node_os_default().tmpdir(),
        skip: recorder.file.succeededBefore,
        schemaCheck: run.schemaCheck
    };
    const outcome = many.batchIds.length > 0 ? await collectBatches(many.batchIds, deps, items) : await runBatches(items, deps);
    // By batch-ids alone the items are only known from the results read.
    recorder.tally.total = Math.max(recorder.tally.total, recorder.tally.skipped + recorder.done);
    // Not waiting, the create calls are the requests this step sent (no result line counts them).
    const handedOn = !many.batchWait && outcome.stopped === undefined && outcome.pending.length > 0;
    if (!many.batchWait)
        recorder.tally.requests += outcome.createRequests;
    const notes = batchNotes(outcome.batchIds, outcome.pending);
    return {
        ...base,
        durationMs: loop.now() - recorder.startedAt,
        stopped: outcome.stopped,
        notes,
        batchIds: outcome.pending,
        ...(handedOn ? { handedOn: { submitted: outcome.submitted } } : {})
    };
}
async function failAll({ items, recorder, loop }, base, explanation, error = explanation) {
    await recorder.recordAll(failedAll(items, error));
    return { ...base, durationMs: loop.now() - recorder.startedAt, explanation };
}

// EXTERNAL MODULE: ./src/phases/ask.ts + 1 modules
var ask = __webpack_require__(87332);
;// CONCATENATED MODULE: ./src/many/item.ts






/** The limiter would make an attempt wait past total-timeout: the loop stops with reason deadline. */
const DEADLINE_FAILURE = {
    kind: 'timeout',
    status: null,
    errorType: 'deadline',
    errorCode: null,
    requestId: null,
    message: 'total-timeout would pass while waiting for the rate limit',
    headers: {}
};
/**
 * Runs `item` to its final result. undefined: it never started (cancelled, or the rate limit
 * would not let it start before the deadline); nothing was sent for it.
 */
async function runItem(run, limiter, item) {
    const { config, loop } = run;
    const deadline = loop.deadline ?? Infinity;
    let ticket = await limiter.acquire(loop.signal, deadline);
    if (!ticket)
        return undefined;
    // Every attempt waits for the shared limiter first (the first one has its ticket already), and
    // tells it what the API said: its rate-limit headers and its 429s pace every worker.
    const send = async (request, stream, context) => {
        const waitStart = loop.now();
        const current = ticket ?? (await limiter.acquire(context.signal, deadline));
        ticket = undefined;
        const timeoutMs = context.timeoutMs - (loop.now() - waitStart);
        if (!current || timeoutMs <= 0) {
            const failure = context.signal.aborted ? { ...DEADLINE_FAILURE, kind: 'cancelled' } : DEADLINE_FAILURE;
            return { ok: false, failure, model: request.model };
        }
        const result = await run.send(request, stream, { ...context, timeoutMs });
        if (result.ok) {
            limiter.observe(current, result.status, result.headers ?? {});
            limiter.spent(result.value.usage);
        }
        else if (result.failure.status !== null) {
            limiter.observe(current, result.failure.status, result.failure.headers);
        }
        return result;
    };
    const asking = (0,ask/* messagesAttempts */.D)({
        config,
        request: item.params,
        send,
        withSignIn: run.withSignIn,
        schemaCheck: run.schemaCheck
    });
    const outcome = await (0,retry_loop/* retry */.L)(config.retry, {
        ...loop,
        ...asking.deps,
        onAttempt: event => {
            if (event.outcome !== 'success')
                run.log(`[${item.id}] ${(0,log_lines/* attemptLine */.O_)(event, config.retry.maxRetries + 1)}`);
        }
    });
    return { result: itemResult(item, outcome, run.schemaCheck !== undefined), cost: asking.meter.estimate() };
}
/** A results-file line from the loop's outcome. */
function itemResult(item, outcome, withJson) {
    const last = outcome.attempts.at(-1);
    const common = {
        id: item.id,
        attempts: outcome.attempts.length,
        request_id: last?.requestId ?? null,
        request_sha256: requestSha256(item.params)
    };
    if (outcome.ok) {
        const message = outcome.value;
        const response = (0,claude_message/* responseText */.x)(message);
        return {
            ...common,
            status: 'succeeded',
            response,
            // withSchemaCheck has parsed and checked it: it is JSON.
            json: withJson ? JSON.parse(response) : undefined,
            usage: message.usage,
            stop_reason: message.stop_reason,
            model: message.model
        };
    }
    const error = (0,failure/* describeFailure */.I)(outcome.failure);
    return {
        ...common,
        status: 'failed',
        model: last?.model ?? item.params.model,
        error: outcome.stop === 'deadline' && !error.startsWith('deadline') ? `deadline: ${error}` : error
    };
}
/** An item that was never started: failed with `deadline` or `cancelled`, nothing sent. */
function notStarted(id, reason) {
    return { id, status: 'failed', attempts: 0, error: reason };
}

// EXTERNAL MODULE: ./src/retry/classify.ts
var classify = __webpack_require__(58206);
;// CONCATENATED MODULE: ./src/many/limiter.ts
/**
 * One rate limiter shared by every worker of a direct run: a client-side mirror of the API's
 * token buckets (after the AWS SDKs' adaptive retry mode, a client-side token bucket fed by the
 * server's answers), so N workers pace themselves instead of running into N independent backoffs.
 *
 * - Every response's `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,
 *   remaining}` is an observation: what was left when that request arrived. What is left now is
 *   estimated as that `remaining`, plus the refill since, minus what the requests started after it
 *   take. A worker starts a request only when the estimate is at least what a request takes; else
 *   it waits the time the refill needs. So the run slows down only as `remaining` runs low.
 * - The refill rate is measured, not assumed: between two observations the bucket changed by
 *   `remaining` (later − earlier) + what the requests started in between took, over the time
 *   between them. That holds whatever `reset` means (the API: when the bucket is full again; a
 *   gateway or a fake: when the next unit comes). Until a rate is measured, a worker that finds
 *   the bucket empty waits for the observation's `reset`, then one request probes.
 * - A 429 pauses every worker until its retry-after (else the latest reset of an exhausted
 *   bucket, else 1 s: throttleWait, as the retry loop reads it), each waking with its own jitter, and cuts the measured rate by 0.7 (the
 *   multiplicative decrease of AWS's CUBIC-based adaptive mode).
 * Pure apart from the injected clock, sleep and random.
 */

/** Observations at least this far apart measure a rate; older ones than WINDOW_MS are dropped. */
const MIN_SPAN_MS = 500;
const WINDOW_MS = 10_000;
const MAX_HISTORY = 200;
/** waitMs's answer when only the next observation can tell (a probe is out); waiters look again at least this often. */
const UNTIL_NEWS = -1;
const PROBE_POLL_MS = 1_000;
/** When a 429 says nothing about when to come back. */
const DEFAULT_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 60_000;
/** AWS adaptive mode's β: the rate after a throttle is this share of the rate before. */
const THROTTLE_FACTOR = 0.7;
class Limiter {
    clock;
    buckets = new Map();
    starts = 0;
    pausedUntil = 0;
    pauseMs = 0;
    /** Requests the API refused with a 429: they took nothing from its buckets. */
    refused = [];
    usage = { requests: 0, input: 0, output: 0 };
    /** The workers waiting now: every observation wakes them to look again. */
    waiters = new Set();
    /** 429s seen (for the log and the tests). */
    throttles = 0;
    constructor(clock) {
        this.clock = clock;
    }
    /**
     * Waits until a request may start, then counts it as started. Returns its ticket, or undefined
     * when `signal` aborted or the wait would end after `deadline` (nothing was started then).
     */
    async acquire(signal, deadline = Infinity) {
        const jitter = this.clock.random();
        for (;;) {
            if (signal.aborted)
                return undefined;
            const now = this.clock.now();
            const waitMs = this.waitMs(now, jitter);
            if (waitMs === 0)
                return { seq: ++this.starts, at: now };
            if (waitMs !== UNTIL_NEWS && now + waitMs >= deadline)
                return undefined;
            // A new observation may shorten the wait: it wakes every waiter to look again.
            const until = waitMs === UNTIL_NEWS ? Math.min(PROBE_POLL_MS, deadline - now) : waitMs;
            if (until <= 0)
                return undefined;
            await this.pause(until, signal);
        }
    }
    /** Sleeps `ms`; a new observation or `signal` ends it early. */
    async pause(ms, signal) {
        const wake = new AbortController();
        const onAbort = () => wake.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiters.add(wake);
        try {
            await this.clock.sleep(ms, wake.signal);
        }
        finally {
            signal.removeEventListener('abort', onAbort);
            this.waiters.delete(wake);
        }
    }
    /** How long a request has to wait now (0: it may start; UNTIL_NEWS: until the next observation). */
    waitMs(now, jitter = 0) {
        if (now < this.pausedUntil)
            return this.pausedUntil - now + Math.round(jitter * pauseJitterMs(this.pauseMs));
        let wait = 0;
        for (const [bucket, state] of this.buckets) {
            const cost = this.costOf(bucket);
            if (cost === 0)
                continue;
            const startedSince = (this.starts - state.last.seq) * cost;
            const refilled = state.rate === undefined ? 0 : state.rate * (now - state.last.at);
            const available = Math.min(state.limit, state.last.remaining + refilled) - startedSince;
            if (available >= cost)
                continue;
            if (state.rate !== undefined && state.rate > 0) {
                wait = Math.max(wait, Math.ceil((cost - available) / state.rate));
            }
            else if (state.resetAt !== undefined && now < state.resetAt) {
                wait = Math.max(wait, state.resetAt - now + 1);
            }
            else if (this.starts > state.last.seq) {
                // Not measured, the reset has passed and a probe is out: wait for what it learns.
                return UNTIL_NEWS;
            }
            // Not measured and the reset has passed: one request probes.
        }
        return wait;
    }
    /** A response to the request of `ticket` (any status): reads its rate-limit headers. */
    observe(ticket, status, headers) {
        const now = this.clock.now();
        for (const waiter of this.waiters)
            waiter.abort();
        this.waiters.clear();
        if (status === 429) {
            this.refused.push(ticket.seq);
            if (this.refused.length > MAX_HISTORY)
                this.refused.shift();
        }
        for (const bucket of classify/* RATE_LIMIT_BUCKETS */.X0) {
            const limit = Number(headers[`anthropic-ratelimit-${bucket}-limit`]);
            const remaining = Number(headers[`anthropic-ratelimit-${bucket}-remaining`]);
            if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0)
                continue;
            const reset = Date.parse(headers[`anthropic-ratelimit-${bucket}-reset`] ?? '');
            this.record(bucket, limit, { remaining, at: ticket.at, seq: ticket.seq }, Number.isNaN(reset) ? undefined : reset);
        }
        if (status === 429)
            this.throttled(now, headers);
    }
    /** What a finished request used: token buckets are paced by the average request. */
    spent(usage) {
        this.usage.requests++;
        this.usage.input += usage.input_tokens;
        this.usage.output += usage.output_tokens;
    }
    /** The measured refill rate of a bucket, per second (undefined until measured). */
    ratePerSecond(bucket) {
        const rate = this.buckets.get(bucket)?.rate;
        return rate === undefined ? undefined : rate * 1000;
    }
    costOf(bucket) {
        if (bucket === 'requests')
            return 1;
        const { requests, input, output } = this.usage;
        if (requests === 0)
            return 0;
        const perRequest = bucket === 'input-tokens' ? input : bucket === 'output-tokens' ? output : input + output;
        return perRequest / requests;
    }
    record(bucket, limit, observation, resetAt) {
        let state = this.buckets.get(bucket);
        if (!state) {
            state = { limit, last: observation, history: [], resetAt, rate: undefined };
            this.buckets.set(bucket, state);
        }
        state.limit = limit;
        // Responses arrive out of order: the latest request's view wins.
        if (observation.seq >= state.last.seq) {
            state.last = observation;
            state.resetAt = resetAt;
        }
        if (observation.remaining >= limit)
            return;
        const history = state.history;
        let i = history.length;
        while (i > 0 && history[i - 1].seq > observation.seq)
            i--;
        history.splice(i, 0, observation);
        while (history.length > MAX_HISTORY || (history.length > 2 && observation.at - (history[0]?.at ?? 0) > WINDOW_MS))
            history.shift();
        const first = history[0];
        const newest = history[history.length - 1];
        const span = newest.at - first.at;
        if (span < MIN_SPAN_MS)
            return;
        const refused = this.refused.filter(seq => seq > first.seq && seq <= newest.seq).length;
        const taken = (newest.seq - first.seq - refused) * this.costOf(bucket);
        const rate = (newest.remaining - first.remaining + taken) / span;
        if (rate > 0)
            state.rate = rate;
    }
    throttled(now, headers) {
        this.throttles++;
        // The same reading of the 429 as the retry loop's (retry/classify.ts).
        const pause = Math.min(MAX_PAUSE_MS, (0,classify/* throttleWait */.cj)(headers, now)?.ms ?? DEFAULT_PAUSE_MS);
        if (now + pause > this.pausedUntil) {
            this.pausedUntil = now + pause;
            this.pauseMs = pause;
        }
        for (const state of this.buckets.values())
            if (state.rate !== undefined)
                state.rate *= THROTTLE_FACTOR;
    }
}
/** Workers leave a pause spread over up to a fifth of it (at least 50 ms, at most 1 s). */
function pauseJitterMs(pauseMs) {
    return Math.min(1_000, Math.max(50, pauseMs / 5));
}

;// CONCATENATED MODULE: ./src/many/direct.ts


async function runDirect(run, limiter = new Limiter(run.loop)) {
    const { loop } = run;
    const deadline = loop.deadline ?? Infinity;
    const unstarted = [];
    let next = 0;
    const worker = async () => {
        for (;;) {
            if (loop.signal.aborted || loop.now() >= deadline || next >= run.items.length)
                return;
            const index = next++;
            const item = run.items.get(index);
            const outcome = await runItem(run, limiter, item);
            if (!outcome) {
                unstarted.push(index);
                return;
            }
            await run.recorder.record(outcome.result, outcome.cost);
            // One debug line per item (shown with debug logging on): ids are [A-Za-z0-9_-] only.
            run.debug?.(`[${item.id}] ${outcome.result.status} after ${outcome.result.attempts} attempt(s); on disk`);
        }
    };
    const workers = Math.max(1, Math.min(run.many.concurrency, run.items.length));
    await Promise.all(Array.from({ length: workers }, worker));
    for (let index = next; index < run.items.length; index++)
        unstarted.push(index);
    if (unstarted.length === 0)
        return { stopped: undefined, limiter };
    const reason = loop.signal.aborted ? 'cancelled' : 'deadline';
    // File order, whatever order the workers gave up in.
    unstarted.sort((a, b) => a - b);
    await run.recorder.recordAll(unstarted.map(index => notStarted(run.items.id(index), reason)));
    return { stopped: reason, limiter };
}

// EXTERNAL MODULE: ./src/cost/meter.ts
var meter = __webpack_require__(8276);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/report/secret-lines.ts
var secret_lines = __webpack_require__(64006);
;// CONCATENATED MODULE: ./src/report/many-lines.ts

/** `changed`: ids that had succeeded in the resumed results-file but whose request changed since: sent again. */
function manyStartLine(config, many, sending, mode, path, changed = 0) {
    if (many.lines.length === 0 && many.batchIds.length > 0) {
        const batches = (0,util_text/* plural */.LS)(many.batchIds.length, 'Message Batch', 'Message Batches');
        return `Many prompts: collecting ${batches} (${many.batchIds.join(', ')}) into results-file ${path}.`;
    }
    const shard = many.shard ? ` (shard ${many.shard.index}/${many.shard.count} of ${many.fileLines} lines)` : '';
    const skipped = many.lines.length - sending;
    return (`Many prompts: ${many.lines.length} items${shard}` +
        (skipped > 0 ? `, ${skipped} skipped (succeeded in the resumed results-file)` : '') +
        (changed > 0 ? `, ${changedItems(changed)}` : '') +
        `, ${sending} to send in ${mode} mode` +
        (mode === 'direct' ? ` with concurrency ${Math.min(many.concurrency, Math.max(1, sending))}` : '') +
        `; default model ${config.model}, max-tokens ${config.maxTokens}; up to ${config.retry.maxRetries + 1} attempts per item` +
        `; results-file ${path}.`);
}
function signInFailedForItems(error) {
    return `Signing in with OIDC failed (${error}), so no item was sent.`;
}
/** Resumed items whose request changed since their line was written (resume's request_sha256). */
function changedItems(count) {
    return `${(0,util_text/* plural */.LS)(count, 'item')} sent again because ${count === 1 ? 'its request has' : 'their requests have'} changed since the resumed results-file`;
}
/** "Progress: 12/20 items (60%), 3.1 items/s, ETA 2.58 s, 1 failed". Skipped (resumed) items are outside done/total. */
function many_lines_progressLine(tally, elapsedMs, extra = '') {
    const total = tally.total - tally.skipped;
    const done = tally.completions.length;
    const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    const eta = done >= total ? 'done' : rate > 0 ? `ETA ${(0,util_text/* formatSeconds */.Xo)(((total - done) * 1000) / rate)}` : 'ETA unknown';
    return (`Progress: ${done}/${total} items (${percent}%), ${rate.toFixed(2)} items/s, ${eta}, ${tally.failed} failed` +
        (tally.skipped > 0 ? `, ${tally.skipped} skipped (succeeded before)` : '') +
        extra);
}
/** The progress line's note on the shared limiter (direct mode). */
function throttleNote(throttles) {
    return throttles > 0 ? `, ${throttles} rate-limit pauses` : '';
}

;// CONCATENATED MODULE: ./src/report/many-summary.ts
/**
 * The job summary of a many-prompts run: totals, a Mermaid chart of completions over time, the
 * failed items (the first LISTED_FAILURES, then a count) and where the results file is. Error
 * texts come from servers and ids from the prompts file: every cell is escaped.
 */





/** The failed items the summary lists; the rest are counted. */
const LISTED_FAILURES = 50;
/** How many points the chart has at most: a line over many more says nothing more. */
const CHART_POINTS = 30;
/**
 * Completed items (cumulative) over time as a Mermaid xychart line, at most CHART_POINTS points
 * evenly spaced over the run. Empty when nothing completed.
 */
function completionsChart(completions, durationMs) {
    if (completions.length === 0)
        return '';
    const sorted = [...completions].sort((a, b) => a - b);
    const end = Math.max(durationMs, sorted[sorted.length - 1] ?? 0, 1);
    const points = Math.min(CHART_POINTS, Math.max(2, sorted.length + 1));
    const step = end / (points - 1);
    const seconds = [];
    const counts = [];
    let done = 0;
    for (let i = 0; i < points; i++) {
        const at = i === points - 1 ? end : i * step;
        while (done < sorted.length && sorted[done] <= at)
            done++;
        seconds.push((at / 1000).toFixed(at < 10_000 ? 1 : 0));
        counts.push(done);
    }
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Items completed over time"',
        `  x-axis "seconds" [${seconds.map(s => `"${s}"`).join(', ')}]`,
        `  y-axis "items" 0 --> ${Math.max(1, sorted.length)}`,
        `  line [${counts.join(', ')}]`,
        '```'
    ].join('\n');
}
function requestsNote({ throttles, handedOn }) {
    if (handedOn)
        return ' (creating the Message Batches)';
    return throttles ? ` (${(0,util_text/* plural */.LS)(throttles, 'rate-limit pause')})` : '';
}
function titleOf(report) {
    const { tally, stopped, handedOn } = report;
    if (stopped === 'cancelled')
        return '⚠️ Ask Claude (many prompts) was cancelled';
    if (tally.failed > 0 || stopped !== undefined)
        return '❌ Ask Claude (many prompts) had failures';
    return handedOn
        ? '📨 Ask Claude (many prompts): Message Batches still processing, results not collected yet'
        : '✅ Ask Claude (many prompts) succeeded';
}
/** The last paragraph: where the results are, or, for batches handed on, how to collect them. */
function whereResults(report, place) {
    const file = (0,summary/* escapeInline */.VV)(report.resultsFile);
    const keep = place.underRunnerTemp
        ? ' Files under RUNNER_TEMP do not outlive the job: upload it with actions/upload-artifact to keep it.'
        : '';
    if (!report.handedOn)
        return `Every result is in \`results-file\`: ${file} (JSONL, one line per id).${keep}`;
    const ids = report.batchIds ?? [];
    return (`Not collected yet: ${(0,summary/* escapeInline */.VV)(`${(0,util_text/* plural */.LS)(ids.length, 'Message Batch', 'Message Batches')} (${ids.join(', ')})`)} ` +
        `${ids.length === 1 ? 'is' : 'are'} still processing. To collect the results, pass this step's \`batch-ids\` output to the \`batch-ids\` input ` +
        `of a later step or run; that step writes them to its own \`results-file\`.` +
        (report.tally.completions.length > 0 ? ` What this run wrote is in \`results-file\`: ${file}.${keep}` : ''));
}
function renderManySummary(report, place = { underRunnerTemp: false }) {
    const { tally } = report;
    const title = titleOf(report);
    const submitted = report.handedOn?.submitted;
    const rows = [
        ['Items', `${tally.total}`],
        ['Succeeded', `${tally.succeeded}${tally.skipped > 0 ? ` (${tally.skipped} skipped: succeeded before)` : ''}`],
        ['Failed', `${tally.failed}`],
        ...(tally.changed ? [['Request changed', changedItems(tally.changed)]] : []),
        ['Mode', report.mode],
        ['Requests', `${tally.requests}${requestsNote(report)}`],
        ['Input tokens', `${tally.inputTokens}`],
        ['Output tokens', `${tally.outputTokens}`],
        ['Duration', (0,util_text/* formatSeconds */.Xo)(report.durationMs)]
    ];
    if (submitted) {
        const batches = (0,util_text/* plural */.LS)(report.batchIds?.length ?? 0, 'Message Batch', 'Message Batches');
        rows.splice(1, 0, ['Submitted', `${(0,util_text/* plural */.LS)(submitted, 'request')} in ${batches}, not collected yet`]);
    }
    // Batches handed on (batch-wait: false) are billed when they run, not $0 now.
    if (tally.costUsd !== undefined && tally.total > 0 && !report.handedOn)
        rows.push(['Estimated cost', `$${(0,meter/* formatUsd */.UK)(tally.costUsd)}`]);
    if (report.stopped === 'deadline')
        rows.push(['Stopped', 'total-timeout reached: items not started are failed']);
    for (const note of report.notes ?? [])
        rows.push(['Note', note]);
    const secrets = (0,secret_lines/* secretsReplacedNote */.i)(report.secretsReplaced);
    if (secrets)
        rows.push(['Secrets', secrets]);
    const lines = [
        `### ${title}`,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${(0,summary/* escapeInline */.VV)(value)} |`),
        ''
    ];
    if (report.explanation)
        lines.push(`> ${(0,summary/* escapeInline */.VV)((0,util_text/* clip */.$Q)(report.explanation, 4096))}`, '');
    const chart = completionsChart(tally.completions, report.durationMs);
    if (chart !== '')
        lines.push(chart, '');
    if (tally.failed > 0) {
        lines.push('#### Failed items', '', '| Id | Attempts | Error |', '|---|---|---|');
        for (const f of tally.failures) {
            lines.push(`| ${(0,summary/* escapeInline */.VV)(f.id)} | ${f.attempts} | ${(0,summary/* escapeInline */.VV)((0,util_text/* clip */.$Q)(f.error ?? '', 300))} |`);
        }
        if (tally.failed > LISTED_FAILURES)
            lines.push('', `… and ${tally.failed - LISTED_FAILURES} more failed items.`);
        lines.push('');
    }
    lines.push(whereResults(report, place), '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/report/many-publish.ts
/**
 * The end of a many-prompts step, in order: outputs, the job summary, then the step's status.
 * The step fails when any item failed for good (after its retries), was not started by the
 * deadline, or the run was cancelled; only final failures count, so a 429 or 529 that a retry
 * got past never turns the workflow red. Everything is written before the step fails.
 */








function manyOutputs(report, model) {
    const { tally } = report;
    const values = {
        [output_names/* Outputs */.t.total]: String(tally.total),
        [output_names/* Outputs */.t.succeeded]: String(tally.succeeded),
        [output_names/* Outputs */.t.failed]: String(tally.failed),
        [output_names/* Outputs */.t.resultsFile]: report.resultsFile,
        [output_names/* Outputs */.t.inputTokens]: String(tally.inputTokens),
        [output_names/* Outputs */.t.outputTokens]: String(tally.outputTokens),
        [output_names/* Outputs */.t.cacheReadInputTokens]: String(tally.cacheReadInputTokens),
        [output_names/* Outputs */.t.cacheCreationInputTokens]: String(tally.cacheCreationInputTokens),
        [output_names/* Outputs */.t.attempts]: String(tally.requests),
        [output_names/* Outputs */.t.durationMs]: String(Math.round(report.durationMs)),
        [output_names/* Outputs */.t.model]: model
    };
    // Batches handed on are billed when they run: no cost yet, rather than $0.
    if (tally.costUsd !== undefined && tally.requests > 0 && !report.handedOn)
        values[output_names/* Outputs */.t.costUsd] = (0,meter/* formatUsd */.UK)(tally.costUsd);
    if (report.batchIds?.length)
        values[output_names/* Outputs */.t.batchIds] = report.batchIds.join(',');
    const error = many_publish_errorOf(report);
    if (error !== undefined)
        values[output_names/* Outputs */.t.error] = error;
    return values;
}
/** The `error` output: `cancelled`, or `items_failed: N of M items failed`. */
function many_publish_errorOf(report) {
    if (report.stopped === 'cancelled')
        return 'cancelled';
    const { failed, total } = report.tally;
    return failed > 0 ? `items_failed: ${failed} of ${total} items failed` : undefined;
}
async function publishMany(report, config) {
    for (const [name, value] of Object.entries(manyOutputs(report, config.model)))
        core/* setOutput */.uH(name, value);
    if (config.summary !== 'off' && process.env.GITHUB_STEP_SUMMARY) {
        const place = { underRunnerTemp: (0,file_rule/* isUnderDir */.ML)(process.env.RUNNER_TEMP, report.resultsFile) };
        await core/* summary */.z.addRaw(renderManySummary(report, place)).write();
    }
    const { tally } = report;
    const where = `Every result is in results-file: ${report.resultsFile}.`;
    if (report.stopped === 'cancelled') {
        core/* setFailed */.C1(`Cancelled after ${tally.succeeded - tally.skipped} of ${tally.total - tally.skipped} items succeeded; ` +
            `the rest are failed with 'cancelled'. ${where} Run again with '${input_names/* Inputs */.G0.resume}: true' to send only what is missing.`);
    }
    else if (tally.failed > 0) {
        const first = tally.failures[0];
        core/* setFailed */.C1((0,format/* oneLine */.T)((report.explanation ? `${report.explanation} ` : '') +
            `${tally.failed} of ${tally.total} items failed` +
            (report.stopped === 'deadline'
                ? ' (total-timeout reached: items not started are failed with `deadline`)'
                : '') +
            (first ? `; the first: '${first.id}': ${first.error ?? ''}` : '') +
            `. ${where} Run again with '${input_names/* Inputs */.G0.resume}: true' to retry only the failed ones.`));
    }
    else if (report.handedOn) {
        const ids = report.batchIds ?? [];
        core/* info */.pq((0,format/* oneLine */.T)(`Done: ${(0,util_text/* plural */.LS)(report.handedOn.submitted, 'request')} submitted in ${(0,util_text/* plural */.LS)(ids.length, 'Message Batch', 'Message Batches')} ` +
            `(${(0,util_text/* plural */.LS)(tally.requests, 'create request')}), no result collected yet. To collect them, pass the output ` +
            `'${output_names/* Outputs */.t.batchIds}' (${ids.join(', ')}) to the input '${input_names/* Inputs */.G0.batchIds}' of a later step or run.`));
    }
    else {
        core/* info */.pq(`Done: ${(0,util_text/* plural */.LS)(tally.succeeded, 'item')} succeeded (${(0,util_text/* plural */.LS)(tally.requests, 'request')}) in ${(0,util_text/* formatSeconds */.Xo)(report.durationMs)}. ${where}`);
    }
}
/** The results file could not be opened or resumed, so nothing was sent. */
function publishResultsFileError(message) {
    core/* setOutput */.uH(output_names/* Outputs */.t.error, `invalid_input: ${message}`);
    core/* setFailed */.C1(`Input '${input_names/* Inputs */.G0.resultsFile}' cannot be used: ${message}`);
}

;// CONCATENATED MODULE: ./src/many/progress.ts
/**
 * The progress of a many-prompts run, logged at least every 10 s and once at the end
 * (report/many-lines.ts words it: done/total, the rate, an ETA and the failures so far).
 */

const PROGRESS_EVERY_MS = 10_000;
/** Logs progressLine every PROGRESS_EVERY_MS until the returned stop() (which logs the last one). */
function startProgress(tally, clock, log, extra = () => '') {
    const start = clock.now();
    const stopped = new AbortController();
    const ticking = (async () => {
        for (;;) {
            await clock.sleep(PROGRESS_EVERY_MS, stopped.signal);
            if (stopped.signal.aborted)
                return;
            log(many_lines_progressLine(tally, clock.now() - start, extra()));
        }
    })();
    return async () => {
        stopped.abort();
        await ticking;
        log(many_lines_progressLine(tally, clock.now() - start, extra()));
    };
}

;// CONCATENATED MODULE: ./src/many/recorder.ts

class Recorder {
    file;
    clock;
    startedAt;
    tally;
    constructor(file, total, skipped, clock, startedAt = clock.now()) {
        this.file = file;
        this.clock = clock;
        this.startedAt = startedAt;
        this.tally = {
            total,
            skipped,
            succeeded: skipped,
            failed: 0,
            requests: 0,
            inputTokens: 0,
            outputTokens: 0,
            cacheReadInputTokens: 0,
            cacheCreationInputTokens: 0,
            costUsd: 0,
            costUnknown: undefined,
            failures: [],
            completions: []
        };
    }
    /** The run's cost estimate: unknown from the first item whose cost is unknown. */
    addCost(cost) {
        if (cost === undefined)
            return;
        if (cost.usd === undefined) {
            this.tally.costUsd = undefined;
            this.tally.costUnknown ??= cost.why;
        }
        else if (this.tally.costUsd !== undefined) {
            this.tally.costUsd += cost.usd;
        }
    }
    /** Items finished by this run (skipped ones not included). */
    get done() {
        return this.tally.completions.length;
    }
    /** Writes one result (on disk when this resolves) and counts it. */
    async record(result, cost) {
        await this.file.write(result);
        this.count(result, cost);
    }
    /**
     * Items that ended together (a deadline, a cancel, a batch's results): one write, one fsync.
     * `costOf` prices each (batch mode); items that sent nothing have no cost.
     */
    async recordAll(results, costOf) {
        if (results.length === 0)
            return;
        await this.file.writeAll(results);
        for (const result of results)
            this.count(result, costOf?.(result));
    }
    count(result, cost) {
        this.addCost(cost);
        const t = this.tally;
        t.completions.push(this.clock.now() - this.startedAt);
        t.requests += result.attempts;
        const usage = result.usage;
        if (usage) {
            t.inputTokens += usage.input_tokens ?? 0;
            t.outputTokens += usage.output_tokens ?? 0;
            t.cacheReadInputTokens += usage.cache_read_input_tokens ?? 0;
            t.cacheCreationInputTokens += usage.cache_creation_input_tokens ?? 0;
        }
        if (result.status === 'succeeded') {
            t.succeeded++;
            return;
        }
        t.failed++;
        if (t.failures.length < LISTED_FAILURES) {
            t.failures.push({ id: result.id, attempts: result.attempts, error: result.error });
        }
    }
}

// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
;// CONCATENATED MODULE: ./src/many/results-file-error.ts
/** A results file that cannot be opened or written where the workflow asked: a sentence for the step's error. */
class ResultsFileError extends Error {
    name = 'ResultsFileError';
}

;// CONCATENATED MODULE: ./src/many/results-folder.ts
/**
 * Where a results file may be written: its folder, created with its parents, must resolve (every
 * symlink followed) to a place under one of the roots, checked on the deepest existing ancestor
 * before mkdir and on the folder after it (results-file.ts; SECURITY.md).
 */



/** Creates `folder` with its parents; with roots, its real path (and the deepest existing ancestor's first) must lie under one. */
async function makeFolder(folder, roots) {
    if (roots)
        await checkInside(await deepestExisting(folder), roots, folder);
    await (0,promises_.mkdir)(folder, { recursive: true });
    if (roots)
        await checkInside(folder, roots, folder);
}
async function deepestExisting(folder) {
    let current = folder;
    while (!(await (0,promises_.stat)(current).catch(() => undefined))) {
        const parent = external_node_path_default().dirname(current);
        if (parent === current)
            break;
        current = parent;
    }
    return current;
}
async function checkInside(folder, roots, given) {
    const real = await (0,promises_.realpath)(folder);
    const allowed = await Promise.all(roots.allowed.map(async (r) => ({ ...r, real: await (0,promises_.realpath)(r.dir).catch(() => r.dir) })));
    const inside = allowed.some(r => {
        const relative = external_node_path_default().relative(r.real, real);
        return !relative.startsWith(`..${(external_node_path_default()).sep}`) && relative !== '..' && !external_node_path_default().isAbsolute(relative);
    });
    if (!inside) {
        throw new ResultsFileError(`The folder ${given} resolves to ${real}, outside ${allowed.map(r => `${r.name} (${r.real})`).join(' and ')}; the results file must be written under one of them.`);
    }
}

;// CONCATENATED MODULE: ./src/many/results-file.ts
/**
 * The results file of a many-prompts run: JSONL, one line per item id, written as it goes. Each
 * finished item is appended in one write and fsynced before write() resolves, so a kill -9 loses
 * at most the items in flight; a half-written last line is dropped when the file is read again.
 * open() with resume and close() rewrite the file (a temporary file, fsynced, renamed over it) so
 * each id appears once, the last result winning: a crash during a rewrite leaves the old or the new
 * file, never a mix.
 *
 * Safety (the rule for files the action writes): the file is never opened through a symlink
 * (O_NOFOLLOW: a checkout cannot point it at ~/.bashrc), and when `roots` is given its folder's
 * real path must lie under one of them (a symlinked folder cannot redirect it either).
 */







const WRITE_FLAGS = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_APPEND | external_node_fs_.constants.O_NOFOLLOW | (external_node_fs_.constants.O_NONBLOCK ?? 0);
class ResultsFile {
    path;
    handle;
    /** With resume: ids whose last result succeeded (to skip). */
    succeededBefore;
    /** With resume: every id the file held, with its last status. */
    before;
    /** With resume: how many ids had succeeded with a request that has changed since (options.changed). */
    changedBefore;
    pending = Promise.resolve();
    closed = false;
    constructor(path, handle, before, changed) {
        this.path = path;
        this.handle = handle;
        for (const id of changed)
            before.set(id, 'failed');
        this.before = before;
        this.changedBefore = changed.size;
        this.succeededBefore = new Set([...before].filter(([, status]) => status === 'succeeded').map(([id]) => id));
    }
    static async open(file, options) {
        const target = external_node_path_default().resolve(file);
        await makeFolder(external_node_path_default().dirname(target), options.roots);
        const existing = await lstatOrUndefined(target);
        if (existing && !existing.isFile()) {
            throw new ResultsFileError(`${target} exists and is not a regular file (a symlink, folder or device); refused.`);
        }
        const before = new Map();
        const changed = new Set();
        if (options.resume && existing) {
            const { rerun, changed: isChanged } = options;
            // Called for each id's last line only: a changed request is asked once per id.
            const done = (r) => {
                if (r.status !== 'succeeded')
                    return false;
                if (isChanged?.(r) !== true)
                    return true;
                changed.add(r.id);
                return false;
            };
            const last = await compact(target, r => done(r) || (rerun !== undefined && !rerun.has(r.id)));
            for (const [id, at] of last)
                before.set(id, at % 2 === 1 ? 'succeeded' : 'failed');
        }
        else {
            await writeAtomically(target, async () => { });
        }
        const handle = await openForAppend(target);
        return new ResultsFile(target, handle, before, changed);
    }
    /** Appends one line; resolves once it is on disk. Calls are serialised in the order made. */
    write(result) {
        return this.writeAll([result]);
    }
    /** Appends several lines in one write and one fsync (items that ended together, e.g. at the deadline). */
    writeAll(results) {
        if (this.closed)
            return Promise.reject(new ResultsFileError(`${this.path} is closed`));
        const line = Buffer.from(results.map(result => `${JSON.stringify(orderedResult(result))}\n`).join(''));
        const next = this.pending.then(async () => {
            let offset = 0;
            while (offset < line.length)
                offset += (await this.handle.write(line, offset)).bytesWritten;
            await this.handle.sync();
        });
        // A failed write fails its caller; the next one still runs.
        this.pending = next.catch(() => { });
        return next;
    }
    /** Waits for the writes, then rewrites the file so each id appears once (the last result wins). */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.pending;
        await this.handle.close();
        await compact(this.path);
    }
}
/** The fields in the documented order (JSON keeps insertion order). */
function orderedResult(r) {
    const { id, status, response, json, usage, stop_reason, model, attempts, request_id, error, request_sha256 } = r;
    return { id, status, response, json, usage, stop_reason, model, attempts, request_id, error, request_sha256 };
}
/** A result line as read back; undefined for a torn or foreign line. */
function parseResultLine(line) {
    try {
        const value = JSON.parse(line);
        if (typeof value?.id !== 'string' || (value.status !== 'succeeded' && value.status !== 'failed'))
            return undefined;
        return value;
    }
    catch {
        return undefined;
    }
}
/** Every result line of `file`, in order (torn lines skipped), read as a stream. */
async function* readResults(file) {
    const handle = await (0,promises_.open)(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | (external_node_fs_.constants.O_NONBLOCK ?? 0));
    const lines = (0,external_node_readline_.createInterface)({
        input: (0,external_node_fs_.createReadStream)('', { fd: handle.fd, autoClose: false }),
        crlfDelay: Infinity
    });
    try {
        for await (const line of lines) {
            const result = parseResultLine(line);
            if (result)
                yield result;
        }
    }
    finally {
        lines.close();
        await handle.close();
    }
}
/**
 * Rewrites `file` keeping each id's last line (if `keep` accepts it), streaming (two passes: the
 * last line number of each id, then the lines to keep), so a large file is never held in memory.
 * Returns each id's last line as `line * 2 + (succeeded ? 1 : 0)`, kept or not: a small integer
 * per id, no object, so a large file leaves little for the garbage collector to copy.
 */
async function compact(file, keep = (_) => true) {
    const last = new Map();
    let index = 0;
    for await (const result of readResults(file))
        last.set(result.id, index++ * 2 + (result.status === 'succeeded' ? 1 : 0));
    await writeAtomically(file, async (out) => {
        let i = 0;
        for await (const result of readResults(file)) {
            const isLast = Math.floor((last.get(result.id) ?? -2) / 2) === i++;
            if (isLast && keep(result))
                await out(`${JSON.stringify(orderedResult(result))}\n`);
        }
    });
    return last;
}
/** Writes a fresh file next to `file`, fsyncs it, renames it over `file` and fsyncs the folder. */
async function writeAtomically(file, fill) {
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    const handle = await (0,promises_.open)(temporary, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL, 0o644);
    try {
        let buffered = '';
        const flush = async () => {
            if (buffered !== '')
                await handle.write(buffered);
            buffered = '';
        };
        await fill(async (text) => {
            buffered += text;
            if (buffered.length > 64 * 1024)
                await flush();
        });
        await flush();
        await handle.sync();
        await handle.close();
        await (0,promises_.rename)(temporary, file);
    }
    catch (error) {
        await handle.close().catch(() => { });
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
    await syncFolder(external_node_path_default().dirname(file));
}
async function syncFolder(folder) {
    const handle = await (0,promises_.open)(folder, external_node_fs_.constants.O_RDONLY).catch(() => undefined);
    if (!handle)
        return;
    await handle.sync().catch(() => { }); // not every file system syncs a folder
    await handle.close();
}
async function openForAppend(file) {
    const handle = await (0,promises_.open)(file, WRITE_FLAGS).catch((error) => {
        throw new ResultsFileError(`Opening ${file} failed: ${error.code ?? error.message}; refused.`);
    });
    if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new ResultsFileError(`${file} is not a regular file; refused.`);
    }
    return handle;
}
async function lstatOrUndefined(file) {
    return (0,promises_.lstat)(file).catch(() => undefined);
}

;// CONCATENATED MODULE: ./src/run-many.ts
/**
 * A many-prompts step, wired: results file (resumed or fresh) → the items to send → mode (direct
 * below the batch threshold, Message Batches from it) → outputs, summary and the step's status.
 * main.ts hands the step here when prompts-file or batch-ids is given.
 */





















/** The request of one line: the inputs' request (buildRequest), the line's fields winning. */
function promptItem(config, line) {
    const params = (0,build/* buildRequest */.mK)({
        ...config,
        sampling: config.conversation.sampling,
        model: line.model ?? config.model,
        maxTokens: line.maxTokens ?? config.maxTokens,
        system: line.system ?? undefined,
        messages: line.messages
    });
    return { id: line.id, line: line.line, params };
}
/** The lines to send as Items: each request built from its line when asked for. */
function itemsOf(config, lines) {
    return { length: lines.length, id: index => lines.id(index), get: index => promptItem(config, lines.line(index)) };
}
/** auto: Message Batches from Defaults.batchThreshold items (after shard and resume), direct below. */
function modeFor(many, items) {
    if (many.batchIds.length > 0)
        return 'batch';
    if (many.mode === 'auto')
        return items >= input_names/* Defaults */.Hw.batchThreshold ? 'batch' : 'direct';
    return many.mode;
}
async function runMany(config, many, schemaCheck, cancel) {
    const clock = { now: Date.now, sleep: sleep/* sleep */.yy, random: Math.random };
    const startedAt = clock.now();
    const totalMs = config.retry.totalTimeoutMs;
    const loop = { ...clock, signal: cancel, deadline: totalMs === undefined ? undefined : startedAt + totalMs };
    // The default is our own fresh mkdtemp folder; a path the workflow chose must stay under the roots.
    const path = many.resultsFile ?? (0,file_rule/* createOutputFile */.OH)('results.jsonl', '', process.env);
    const roots = many.resultsFile === undefined ? undefined : many.roots;
    let file;
    try {
        const rerun = many.resume ? new Map(many.lines.ids.map((id, index) => [id, index])) : undefined;
        file = await ResultsFile.open(path, {
            resume: many.resume,
            roots,
            rerun,
            changed: changedRequest(config, many, rerun)
        });
    }
    catch (error) {
        if (!(error instanceof ResultsFileError) && error.code === undefined)
            throw error;
        return publishResultsFileError(error.message);
    }
    const items = itemsOf(config, many.lines.where(id => !file.succeededBefore.has(id)));
    const recorder = new Recorder(file, many.lines.length, many.lines.length - items.length, clock, startedAt);
    recorder.tally.changed = file.changedBefore;
    const mode = modeFor(many, items.length);
    core/* info */.pq(manyStartLine(config, many, items.length, mode, file.path, file.changedBefore));
    let report;
    try {
        const batched = mode === 'batch'
            ? await runBatchMode({ config, many, items, recorder, schemaCheck, loop, connect: () => sender(config, loop) })
            : undefined;
        report = batched ?? (await direct(config, many, items, recorder, schemaCheck, loop));
    }
    finally {
        await file.close();
    }
    await publishMany({ ...report, secretsReplaced: secrets/* runSecrets */.To.replaced }, config);
}
/**
 * Resume: a line that succeeded with request_sha256 is done only while the item's request is the
 * same (a prompt edited under the same id is asked again). A line without it, or an id no longer
 * in the prompts file, counts as unchanged.
 */
function changedRequest(config, many, indexOf) {
    return (result) => {
        const index = indexOf?.get(result.id);
        if (result.request_sha256 === undefined || index === undefined)
            return false;
        return requestSha256(promptItem(config, many.lines.line(index)).params) !== result.request_sha256;
    };
}
async function direct(config, many, items, recorder, schemaCheck, loop) {
    const base = { tally: recorder.tally, mode: 'direct', resultsFile: recorder.file.path };
    const setup = await sender(config, loop);
    if (!setup.ok) {
        await recorder.recordAll(failedAll(items, setup.error));
        return { ...base, durationMs: loop.now() - recorder.startedAt, stopped: undefined, explanation: setup.explanation };
    }
    const run = {
        config,
        many,
        items,
        recorder,
        ...setup,
        loop,
        schemaCheck,
        log: line => core/* info */.pq(line),
        debug: line => core/* debug */.Yz(line)
    };
    const limiter = new Limiter(loop);
    const stopProgress = startProgress(recorder.tally, loop, line => core/* info */.pq(line), () => throttleNote(limiter.throttles));
    let outcome;
    try {
        outcome = await runDirect(run, limiter);
    }
    finally {
        await stopProgress();
    }
    return {
        ...base,
        durationMs: loop.now() - recorder.startedAt,
        stopped: outcome.stopped,
        throttles: limiter.throttles
    };
}
/** How the items are sent: the client (after keyless sign-in), or mock-response's stand-in. */
async function sender(config, loop) {
    const mock = config.mockResponse;
    if (mock !== undefined) {
        core/* info */.pq(log_lines/* MOCK_NOTICE */.An);
        const send = request => Promise.resolve({
            ok: true,
            value: (0,claude_message/* mockMessage */.G5)(mock, request.model),
            status: 200,
            requestId: null,
            model: request.model
        });
        return { ok: true, send, client: undefined, withSignIn: attempt => attempt };
    }
    const connection = await (0,connect/* connect */.N)(config, loop, process.env);
    if (!connection.ok) {
        const error = (0,failure/* describeFailure */.I)(connection.auth.failed.failure);
        return { ok: false, error, explanation: signInFailedForItems(error) };
    }
    const { client, auth } = connection;
    return {
        ok: true,
        client,
        withSignIn: auth.withSignIn,
        send: (request, stream, context) => (0,claude_client/* sendOnce */.E4)(client, request, stream, context)
    };
}


/***/ })

};
