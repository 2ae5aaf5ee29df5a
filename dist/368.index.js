export const id = 368;
export const ids = [368];
export const modules = {

/***/ 6368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@anthropic-ai/sdk/client.mjs + 241 modules
var client = __webpack_require__(395);
;// CONCATENATED MODULE: ./src/claude/bounded-fetch.ts
/**
 * A fetch for the SDK that bounds how much of a response body is read. The SDK reads an error
 * body whole (`response.text()`) before it throws, and a 2xx JSON or text body whole before it
 * parses it: an endless body, or a small gzip bomb that fetch inflates, grew memory by gigabytes
 * until the attempt's timeout. Past the bound the body fails with BodyTooLargeError and the
 * connection is cut. Bytes are counted after decompression, as they reach memory.
 */
/** An error or non-Message body: the API's error envelope is a few hundred bytes. */
const OTHER_BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * A 2xx JSON body, a Message or a token count: far above any real Message (128k output
 * tokens are well under 2 MB of JSON), low enough that a hostile one cannot exhaust memory.
 */
const JSON_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * One line of an SSE stream. The SDK's decoder holds a line whole until its end: an endless
 * line grew memory until the attempt's timeout. A real event line is a small JSON delta.
 */
const SSE_LINE_LIMIT_BYTES = 16 * 1024 * 1024;
/** Statuses whose Response may not carry a body: nothing to bound. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
class BodyTooLargeError extends Error {
    name = 'BodyTooLargeError';
    constructor(limit, per = 'body') {
        const what = per === 'line' ? 'a line of the event stream' : 'the response body';
        super(`${what} is more than ${formatBytes(limit)}; the rest was not read and the connection was closed`);
    }
}
/**
 * Wraps `inner` (default: the global fetch at call time). An SSE stream (2xx
 * text/event-stream) has no total bound: it is consumed event by event, and the attempt's
 * timeout bounds how long it may run; only each line is bounded.
 */
function boundedFetch(inner) {
    return async (input, init) => {
        const response = await (inner ?? globalThis.fetch)(input, init);
        const limit = bodyLimit(response);
        if (limit === undefined || response.body === null || NULL_BODY_STATUSES.has(response.status))
            return response;
        const { status } = response;
        // fetch passes statuses up to 999 from the wire, but a Response can only be built with
        // 200-599: build it as a 500 and restore the real status, so the error still names it.
        const bounded = new Response(limitBody(response.body, limit.bytes, limit.per), {
            status: status >= 200 && status <= 599 ? status : 500,
            statusText: response.statusText,
            headers: response.headers
        });
        if (bounded.status !== status)
            Object.defineProperties(bounded, { status: { value: status }, ok: { value: false } });
        return bounded;
    };
}
function bodyLimit(response) {
    if (!response.ok)
        return { bytes: OTHER_BODY_LIMIT_BYTES, per: 'body' };
    const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (mediaType === 'text/event-stream')
        return { bytes: SSE_LINE_LIMIT_BYTES, per: 'line' };
    if (mediaType.includes('application/json') || mediaType.endsWith('+json')) {
        return { bytes: JSON_BODY_LIMIT_BYTES, per: 'body' };
    }
    return { bytes: OTHER_BODY_LIMIT_BYTES, per: 'body' };
}
const LF = 0x0a;
const CR = 0x0d;
/**
 * The same bytes, up to `limit` in all (per 'body') or since the last line break (per 'line');
 * one byte more cancels the source (closing the connection) and fails the stream.
 */
function limitBody(body, limit, per = 'body') {
    const reader = body.getReader();
    let total = 0;
    return new ReadableStream({
        async pull(controller) {
            const { done, value } = await reader.read();
            if (done)
                return controller.close();
            const lastBreak = per === 'line' ? Math.max(value.lastIndexOf(LF), value.lastIndexOf(CR)) : -1;
            total = lastBreak === -1 ? total + value.byteLength : value.byteLength - lastBreak - 1;
            if (total > limit) {
                const error = new BodyTooLargeError(limit, per);
                // Cut the connection first, then fail the reader: nothing more is read either way.
                await reader.cancel(error).catch(() => undefined);
                controller.error(error);
                return;
            }
            controller.enqueue(value);
        },
        cancel: reason => reader.cancel(reason)
    }, { highWaterMark: 0 });
}
function formatBytes(bytes) {
    return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

// EXTERNAL MODULE: ./node_modules/@anthropic-ai/sdk/core/error.mjs
var core_error = __webpack_require__(5064);
;// CONCATENATED MODULE: ./src/util/text.ts
/**
 * util/: text helpers with no knowledge of the action, used by every stage (inputs quote values,
 * report fits outputs and the summary into GitHub's limits). Imports nothing.
 */
/** The size of `text` in UTF-8, the unit of GitHub's output and summary limits; 0 for none. */
function utf8Bytes(text) {
    return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}
/** The longest prefix of `text` that fits in `bytes` of UTF-8, never splitting a character. */
function truncateUtf8(text, bytes) {
    const buffer = Buffer.from(text, 'utf8');
    if (buffer.length <= bytes)
        return text;
    let end = Math.max(0, bytes);
    // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
    while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80)
        end--;
    return buffer.subarray(0, end).toString('utf8');
}
/** `text` cut to at most `maxBytes` of UTF-8, ending in '…' when it was cut. For server text of any size. */
function clip(text, maxBytes) {
    if (utf8Bytes(text) <= maxBytes)
        return text;
    return `${truncateUtf8(text, maxBytes - 3)}…`;
}
/** Milliseconds as seconds for people: "1.25 s". The one way the action writes a duration. */
const formatSeconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

;// CONCATENATED MODULE: ./src/claude/errors.ts
/**
 * What the SDK threw, as an AttemptFailure: by the SDK's error classes and fields (status,
 * headers, type, errorCode, requestID), never by the message text.
 */


function invalidResponse(message, requestId) {
    return {
        kind: 'invalid-response',
        status: 200,
        errorType: 'invalid_response',
        errorCode: null,
        requestId,
        message,
        headers: {}
    };
}
function cancelled() {
    return {
        kind: 'cancelled',
        status: null,
        errorType: 'cancelled',
        errorCode: null,
        requestId: null,
        message: 'cancelled',
        headers: {}
    };
}
function timedOut(timeoutMs) {
    return {
        kind: 'timeout',
        status: null,
        errorType: 'timeout',
        errorCode: null,
        requestId: null,
        message: `no complete response within ${formatSeconds(timeoutMs)}`,
        headers: {}
    };
}
/**
 * Translate what the SDK threw. Uses the SDK's error classes and fields, never the message
 * text. Key redaction follows in attemptRequest, with every other response.
 */
function failureFrom(error, { streamStarted }) {
    const base = { status: null, errorCode: null, requestId: null, headers: {} };
    if (error instanceof core_error/* APIUserAbortError */.cH)
        return cancelled();
    if (error instanceof core_error/* APIConnectionTimeoutError */.qA) {
        return { ...base, kind: 'timeout', errorType: 'timeout', message: error.message };
    }
    if (error instanceof core_error/* APIConnectionError */.xX) {
        return { ...base, kind: 'connection', errorType: 'connection_error', message: connectionMessage(error) };
    }
    if (error instanceof core_error/* APIError */.LG) {
        const headers = headersToRecord(error.headers);
        const requestId = error.requestID ?? null;
        const message = error.apiMessage ?? error.message;
        if (error.status === undefined) {
            // An `error` event in the middle of an SSE stream: the status line said 200.
            return { ...base, kind: 'stream-error', errorType: error.type ?? 'api_error', message, requestId, headers };
        }
        return {
            kind: 'http',
            status: error.status,
            errorType: error.type ?? `http_${error.status}`,
            errorCode: error.errorCode ?? null,
            requestId,
            message,
            headers
        };
    }
    if (isNamed(error, 'BodyTooLargeError') ||
        isNamed(error?.cause, 'BodyTooLargeError')) {
        // A 2xx body past its bound (bounded-fetch.ts); an error status past it arrives as an APIError above.
        return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: errorText(error) };
    }
    if (streamStarted && isEventShapeError(error)) {
        return {
            ...base,
            status: 200,
            kind: 'invalid-response',
            errorType: 'invalid_response',
            message: `the stream's events do not form a Message: ${errorText(error)}`
        };
    }
    if (streamStarted) {
        // MessageStream wraps a cut-off body (undici's "terminated") in a plain AnthropicError.
        return {
            ...base,
            kind: 'connection',
            errorType: 'connection_error',
            message: `the stream was cut off: ${errorText(error)}`
        };
    }
    // By name too: fetch's body parser may throw from another realm (as under jest's vm modules).
    if (error instanceof SyntaxError || error?.name === 'SyntaxError') {
        return {
            ...base,
            status: 200,
            kind: 'invalid-response',
            errorType: 'invalid_response',
            message: `the body is not valid JSON: ${errorText(error)}`
        };
    }
    if (error instanceof core_error/* AnthropicError */.pJ || errorMessage(error) === undefined) {
        return { ...base, kind: 'client', errorType: 'client_error', message: errorText(error) };
    }
    // A plain Error from fetch while reading a body (e.g. a reset after the headers).
    return { ...base, kind: 'connection', errorType: 'connection_error', message: errorText(error) };
}
/**
 * MessageStream assembles the events into a Message and wraps whatever that throws in an
 * AnthropicError. A TypeError or SyntaxError of its own (no cause: e.g. message_start without
 * usage) means the events were malformed; a cut-off body is undici's TypeError "terminated",
 * which always carries the socket error as its cause.
 */
function isEventShapeError(error) {
    const cause = error?.cause;
    return (cause?.name === 'TypeError' || cause?.name === 'SyntaxError') && cause.cause === undefined;
}
function connectionMessage(error) {
    const cause = error.cause;
    const code = findCode(cause);
    return code ? `${error.message} (${code})` : error.message;
}
/** fetch nests the system error (ECONNREFUSED, ECONNRESET, ENOTFOUND) one or two causes deep. */
function findCode(value, depth = 0) {
    if (depth > 3 || typeof value !== 'object' || value === null)
        return undefined;
    const { code, cause } = value;
    return typeof code === 'string' ? code : findCode(cause, depth + 1);
}
/** By name, not instanceof: errors may come from another realm (fetch's, or jest's vm modules). */
function isNamed(error, name) {
    return error?.name === name;
}
/** The message of anything Error-shaped, whatever realm it came from. */
function errorMessage(error) {
    const message = error?.message;
    return typeof error === 'object' && typeof message === 'string' ? message : undefined;
}
function errorText(error) {
    return errorMessage(error) ?? String(error);
}
function headersToRecord(headers) {
    const record = {};
    headers?.forEach((value, name) => (record[name.toLowerCase()] = value));
    return record;
}

;// CONCATENATED MODULE: ./src/claude/message.ts
/** The Message fields the action reads, checked; unknown fields and block types pass through. */
function checkMessage(body) {
    const problem = messageProblem(body);
    return problem === undefined ? { ok: true, message: body } : { ok: false, problem };
}
function messageProblem(body) {
    if (!isObject(body))
        return `the body is not a JSON object: ${String(body).slice(0, 200)}`;
    if (body.type !== 'message' || !Array.isArray(body.content))
        return 'the body is not a Message';
    const blockProblem = body.content.map(contentBlockProblem).find(problem => problem !== undefined);
    if (blockProblem)
        return blockProblem;
    if (typeof body.model !== 'string')
        return 'the message has no model name';
    if (body.stop_reason === null || body.stop_reason === undefined)
        return 'the message has no stop_reason (the stream ended early)';
    if (typeof body.stop_reason !== 'string')
        return 'the message has a stop_reason that is not a string';
    return usageProblem(body.usage);
}
function contentBlockProblem(block, index) {
    if (!isObject(block) || typeof block.type !== 'string')
        return `content block ${index} is not an object with a type`;
    if (block.type === 'text' && typeof block.text !== 'string')
        return `text block ${index} has no text`;
    return undefined;
}
/**
 * The API always reports usage; the SDK's own stream assembly fails without it, so one rule
 * for both modes: input and output tokens are required numbers, the cache counters are
 * numbers, null or absent.
 */
function usageProblem(usage) {
    if (!isObject(usage))
        return 'the message has no usage';
    for (const field of ['input_tokens', 'output_tokens']) {
        if (!isCount(usage[field]))
            return `usage.${field} is not a number`;
    }
    for (const field of ['cache_read_input_tokens', 'cache_creation_input_tokens']) {
        const value = usage[field];
        if (value !== undefined && value !== null && !isCount(value))
            return `usage.${field} is not a number`;
    }
    return undefined;
}
function isCount(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A Message standing in for the API's in mock mode, shaped like the real one. */
function mockMessage(text, model) {
    return {
        id: 'msg_mock',
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text, citations: null }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }
    };
}
function responseText(message) {
    return message.content.flatMap(block => (block.type === 'text' ? [block.text] : [])).join('');
}

;// CONCATENATED MODULE: ./src/claude/redact.ts
/**
 * Anthropic keys look like `sk-ant-<kind>-<base64url>`. An error body or a proxy's message may
 * echo a key (ours or another); the runner masks only the one we registered, so anything
 * key-shaped is cut before it reaches a log line, an output or the summary. client.ts applies
 * this where a response becomes our data, whatever its status.
 */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g;
const REDACTED_KEY = 'sk-ant-[REDACTED]';
function redactKeys(text) {
    return text.replace(KEY_SHAPE, REDACTED_KEY);
}
/** Every string in a JSON value, keys redacted: for server data of any shape. */
function redactDeep(value) {
    if (typeof value === 'string')
        return redactKeys(value);
    if (Array.isArray(value))
        return value.map(redactDeep);
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactDeep(item)]));
    }
    return value;
}
/** A failure's server text (message, request-id, header values), keys redacted. */
function redactFailure(failure) {
    return {
        ...failure,
        message: redactKeys(failure.message),
        errorType: redactKeys(failure.errorType),
        errorCode: failure.errorCode === null ? null : redactKeys(failure.errorCode),
        requestId: failure.requestId === null ? null : redactKeys(failure.requestId),
        headers: redactDeep(failure.headers)
    };
}
/**
 * A Message's fields around the answer (model, id, stop_reason, unknown fields), keys
 * redacted. The content, the model's answer, is published as written.
 */
function redactMessage(message) {
    return Object.fromEntries(Object.entries(message).map(([name, value]) => [name, name === 'content' ? value : redactDeep(value)]));
}

;// CONCATENATED MODULE: ./src/retry/sleep.ts
/**
 * Timers for any length. Node's setTimeout fires after 1 ms for a delay above 2^31 − 1 ms
 * (~24.8 days), so `timeout: 99999999` would abort every attempt at once. Every timer in the
 * action goes through longTimeout, which chains timers of at most that length: a huge value
 * means "no practical limit", never "now".
 */
/** The longest delay one setTimeout can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * Calls `fire` once, `ms` from now (never before, by `now`); returns a function that cancels it.
 * Node counts a timer from the start of the current event-loop tick, so a setTimeout can fire a
 * millisecond or so before `Date.now() + ms`: each time a timer fires, what is left is measured
 * again, and a new one is armed for it, in chunks a setTimeout can hold.
 */
function longTimeout(fire, ms, now = Date.now) {
    const target = now() + Math.max(0, ms);
    let timer;
    const arm = (delay) => (timer = setTimeout(check, Math.min(delay, MAX_TIMER_MS)));
    const check = () => {
        const remaining = target - now();
        if (remaining > 0)
            arm(remaining);
        else
            fire();
    };
    arm(Math.max(0, ms));
    return () => clearTimeout(timer);
}
/** Waits `ms`, or less if `signal` aborts first (then it resolves: the caller checks the signal). */
function sleep(ms, signal) {
    return new Promise(resolve => {
        if (signal.aborted)
            return resolve();
        const done = () => {
            cancel();
            signal.removeEventListener('abort', done);
            resolve();
        };
        const cancel = longTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}

;// CONCATENATED MODULE: ./src/claude/client.ts
/**
 * The only module that talks to the SDK: builds the client, sends one request (plain or
 * streamed) with the SDK's own retries off; errors.ts turns whatever it throws into an AttemptFailure.
 */






function createClient(config) {
    // maxRetries 0: our loop retries, so one attempt is exactly one HTTP request (the SDK's
    // default of 2 inside a 5-attempt loop would send up to 15).
    // boundedFetch: an endless or gzip-bomb body is cut at a bound instead of filling memory.
    return new client/* Anthropic */.N({ apiKey: config.apiKey, baseURL: config.baseUrl ?? null, maxRetries: 0, fetch: boundedFetch() });
}
function buildRequest(config) {
    return {
        model: config.model,
        max_tokens: config.maxTokens,
        messages: [{ role: 'user', content: config.prompt }],
        ...(config.system !== undefined ? { system: config.system } : {}),
        ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
        ...(config.jsonSchema !== undefined
            ? { output_config: { format: { type: 'json_schema', schema: config.jsonSchema } } }
            : {})
    };
}
/** Our own timer governs the attempt; the SDK's is set a little later so it never fires first. */
const SDK_TIMEOUT_MARGIN_MS = 5_000;
/**
 * One attempt of any request: aborted by the step's cancel signal or its own timeout, and
 * whatever is thrown translated into an AttemptFailure. `send` marks when a stream started.
 * This is where a response becomes our data: every failure and request-id leaves it with
 * key-shaped text redacted, whatever the status (a 200 can echo a key as well as a 502).
 */
async function attemptRequest(model, context, send) {
    const result = await attemptUnredacted(model, context, send);
    return result.ok
        ? { ...result, requestId: result.requestId === null ? null : redactKeys(result.requestId) }
        : { ...result, failure: redactFailure(result.failure) };
}
async function attemptUnredacted(model, context, send) {
    const timer = new AbortController();
    const clearTimer = longTimeout(() => timer.abort(), context.timeoutMs);
    const signal = AbortSignal.any([context.signal, timer.signal]);
    let streamStarted = false;
    try {
        const { value, requestId, problem } = await send(
        // The SDK's backstop is one setTimeout: capped at 2^31 − 1 ms (24.8 days, longer than any job
        // may run: 6 h hosted, 5 days self-hosted), or it would fire after 1 ms.
        { signal, timeout: Math.min(context.timeoutMs + SDK_TIMEOUT_MARGIN_MS, MAX_TIMER_MS), maxRetries: 0 }, () => (streamStarted = true));
        if (problem)
            return { ok: false, model, failure: invalidResponse(problem, requestId) };
        return { ok: true, value, status: 200, requestId, model };
    }
    catch (error) {
        const failure = context.signal.aborted
            ? cancelled()
            : timer.signal.aborted
                ? timedOut(context.timeoutMs)
                : failureFrom(error, { streamStarted });
        return { ok: false, model, failure };
    }
    finally {
        clearTimer();
    }
}
/** One attempt: one Messages request, plain or streamed. */
function sendOnce(client, request, stream, context) {
    return attemptRequest(request.model, context, async (options, started) => {
        if (stream) {
            const messageStream = client.messages.stream(request, options);
            messageStream.on('connect', started);
            const message = await messageStream.finalMessage();
            return { ...asMessage(message), requestId: messageStream.request_id ?? null };
        }
        const response = await client.messages.create(request, options).withResponse();
        return { ...asMessage(response.data), requestId: response.request_id ?? null };
    });
}
/** A 2xx body as a Message, its fields around the answer redacted; or why it is not one. */
function asMessage(body) {
    const check = checkMessage(body);
    return check.ok ? { value: redactMessage(check.message) } : { value: body, problem: check.problem };
}
/** One attempt of the count-tokens endpoint, for the max-input-tokens guard. */
function countTokensOnce(client, request, context) {
    const { model, messages, system, output_config } = request;
    return attemptRequest(model, context, async (options) => {
        const response = await client.messages
            .countTokens({ model, messages, ...(system !== undefined ? { system } : {}), ...(output_config ? { output_config } : {}) }, options)
            .withResponse();
        const count = response.data?.input_tokens;
        return {
            value: count,
            requestId: response.request_id ?? null,
            problem: Number.isInteger(count) ? undefined : 'the count_tokens body has no input_tokens'
        };
    });
}

;// CONCATENATED MODULE: ./src/claude/fallback.ts
/**
 * The model chain: the configured model, then each fallback in order. It moves on after
 * `fallbackAfter` overloads in a row on the current model, or at once when the model is gone
 * (404 not_found_error). Any other failure resets the count: only a model that keeps saying
 * "overloaded" is given up on.
 */
class ModelChain {
    models;
    fallbackAfter;
    index = 0;
    overloadsInARow = 0;
    constructor(models, fallbackAfter) {
        this.models = models;
        this.fallbackAfter = fallbackAfter;
    }
    get current() {
        return this.models[this.index];
    }
    /** Called after each failed attempt; returns the next model when it switched to one. */
    afterFailure(failure) {
        const gone = failure.status === 404 || failure.errorType === 'not_found_error';
        this.overloadsInARow = failure.errorType === 'overloaded_error' ? this.overloadsInARow + 1 : 0;
        if (!gone && this.overloadsInARow < this.fallbackAfter)
            return undefined;
        if (this.index + 1 >= this.models.length)
            return undefined;
        this.index += 1;
        this.overloadsInARow = 0;
        return this.current;
    }
}

;// CONCATENATED MODULE: ./src/inputs/read.ts
/**
 * Reading one input: where inputs come from, the error that names the input, its value and what
 * is accepted, and the readers for each kind of value (integers, seconds, choices, lists).
 */

class ConfigError extends Error {
    name = 'ConfigError';
}
/** The value is quoted as far as a reader needs it: a 1 MB input must not make a 1 MB error line. */
function invalid(input, value, expected) {
    return new ConfigError(`Input '${input}' has invalid value '${clip(value, 200)}'. Expected ${expected}.`);
}
const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
function integerInput(source, name, fallback, min) {
    const raw = source.getInput(name).trim();
    if (raw === '')
        return fallback;
    const value = Number(raw);
    if (!INTEGER.test(raw) || !Number.isSafeInteger(value) || value < min) {
        throw invalid(name, raw, `an integer >= ${min}`);
    }
    return value;
}
/** Seconds as a decimal; returns undefined for an empty optional input. */
function secondsInput(source, name, fallback, { positive }) {
    const raw = source.getInput(name).trim();
    if (raw === '')
        return fallback;
    const value = Number(raw);
    if (!DECIMAL.test(raw) || !Number.isFinite(value) || (positive && value <= 0)) {
        throw invalid(name, raw, positive ? 'a number of seconds > 0' : 'a number of seconds >= 0');
    }
    return value;
}
function choiceInput(source, name, choices, fallback) {
    const raw = source.getInput(name).trim();
    if (raw === '')
        return fallback;
    const choice = choices.find(c => c === raw.toLowerCase());
    if (!choice)
        throw invalid(name, raw, `one of ${choices.map(c => `'${c}'`).join(', ')}`);
    return choice;
}
function optionalInteger(source, name, min) {
    return source.getInput(name).trim() === '' ? undefined : integerInput(source, name, 0, min);
}
/** Comma- or newline-separated model names, in order, without repeats. */
function modelList(source, name) {
    const models = source
        .getInput(name)
        .split(/[,\n]/)
        .map(m => m.trim())
        .filter(m => m !== '');
    for (const m of models) {
        if (/\s/.test(m))
            throw invalid(name, m, 'model names separated by commas or new lines');
    }
    return [...new Set(models)];
}
function temperatureInput(source, name) {
    const raw = source.getInput(name).trim();
    if (raw === '')
        return undefined;
    const value = Number(raw);
    if (!DECIMAL.test(raw) || value > 1)
        throw invalid(name, raw, 'a number from 0 to 1');
    return value;
}
function toMs(seconds) {
    // Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
    return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

;// CONCATENATED MODULE: ./src/inputs/names.ts
/**
 * Every input and output name in one place. A test holds these against action.yml,
 * so a rename in one without the other fails CI instead of silently reading ''.
 */
const Inputs = {
    prompt: 'prompt',
    promptFile: 'prompt-file',
    system: 'system',
    systemFile: 'system-file',
    model: 'model',
    maxTokens: 'max-tokens',
    temperature: 'temperature',
    apiKey: 'anthropic-api-key',
    baseUrl: 'base-url',
    maxRetries: 'max-retries',
    baseDelay: 'base-delay',
    maxDelay: 'max-delay',
    jitter: 'jitter',
    timeout: 'timeout',
    totalTimeout: 'total-timeout',
    stream: 'stream',
    summary: 'summary',
    jsonSchema: 'json-schema',
    jsonSchemaFile: 'json-schema-file',
    fallbackModels: 'fallback-models',
    fallbackAfter: 'fallback-after',
    mockResponse: 'mock-response',
    maxInputTokens: 'max-input-tokens',
    commentOn: 'comment-on',
    githubToken: 'github-token'
};
const Outputs = {
    response: 'response',
    responseFile: 'response-file',
    message: 'message',
    model: 'model',
    stopReason: 'stop-reason',
    inputTokens: 'input-tokens',
    outputTokens: 'output-tokens',
    cacheReadInputTokens: 'cache-read-input-tokens',
    cacheCreationInputTokens: 'cache-creation-input-tokens',
    requestId: 'request-id',
    attempts: 'attempts',
    retryLog: 'retry-log',
    durationMs: 'duration-ms',
    error: 'error',
    json: 'json',
    inputTokensCounted: 'input-tokens-counted',
    commentUrl: 'comment-url'
};
/** The newest Sonnet alias in the SDK's `Model` type (1.14); never a deprecated one, which warns on every call. */
const DEFAULT_MODEL = 'claude-sonnet-5-5';
const STREAM_MODES = ['auto', 'true', 'false'];
const SUMMARY_MODES = ['full', 'metadata', 'off'];
const COMMENT_TARGETS = ['none', 'pr', 'issue'];
/** Defaults used when an input is empty (as in a local run). A test holds them against action.yml. */
const Defaults = {
    model: DEFAULT_MODEL,
    maxTokens: 4096,
    maxRetries: 5,
    baseDelaySeconds: 1,
    maxDelaySeconds: 60,
    jitter: 'full',
    timeoutSeconds: 600,
    stream: 'auto',
    summary: 'full',
    fallbackAfter: 2,
    commentOn: 'none'
};

;// CONCATENATED MODULE: ./src/claude/schema.ts
/**
 * Structured output: the answer must be JSON that follows the user's schema. Ajv is loaded
 * only when a schema is given, so plain runs do not pay for it at start-up.
 */



/** Compiles the schema, or fails before any request with what is wrong with it. */
async function compileSchema(schema) {
    // Draft 2020-12, the draft the API documents; strict off so annotations such as
    // "description" or vendor keywords are accepted, while a malformed schema still fails.
    const ajvModule = await __webpack_require__.e(/* import() */ 210).then(__webpack_require__.t.bind(__webpack_require__, 2210, 23));
    // A CommonJS module: its class is the default export once bundled, a named one under jest.
    const Ajv2020 = ajvModule.default ?? ajvModule.Ajv2020;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    let validate;
    try {
        validate = ajv.compile(schema);
    }
    catch (error) {
        throw new ConfigError(`Input '${Inputs.jsonSchema}' is not a valid JSON Schema: ${error.message}.`);
    }
    return value => (validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'answer' }));
}
/** Parse the answer's text as JSON and hold it against the schema. */
function checkStructured(text, check) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, errorType: 'invalid_json', message: `the answer is not JSON: ${error.message}` };
    }
    const problem = check(value);
    if (problem !== undefined)
        return { ok: false, errorType: 'schema_mismatch', message: `the answer does not follow the schema: ${problem}` };
    return { ok: true, json: JSON.stringify(value) };
}
/** A schema was given: a complete answer that is not valid JSON for it is a failed (retryable) attempt. */
function withSchemaCheck(result, check) {
    if (!result.ok)
        return result;
    const structured = checkStructured(responseText(result.value), check);
    if (structured.ok)
        return result;
    const truncated = result.value.stop_reason === 'max_tokens';
    const failure = {
        kind: 'invalid-output',
        status: result.status,
        errorType: truncated ? 'output_truncated' : structured.errorType,
        errorCode: null,
        requestId: result.requestId,
        message: truncated ? `the answer was cut off at max-tokens, so ${structured.message}` : structured.message,
        headers: {}
    };
    return { ok: false, failure, model: result.model };
}

;// CONCATENATED MODULE: ./src/retry/backoff.ts
/** cap_n = min(maxDelay, baseDelay * 2^(n-1)) for retry n = 1, 2, ... */
function exponentialCap(retry, baseDelayMs, maxDelayMs) {
    // base 0 would give 0 * Infinity = NaN for large n.
    if (baseDelayMs === 0)
        return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}
/** `none`: exactly the cap. Many clients that failed together retry together. */
function noJitter(cap) {
    return cap;
}
/** `full`: U(0, cap). Spreads retries the most; the AWS simulator's winner on total calls. */
function fullJitter(cap, random) {
    return random() * cap;
}
/** `equal`: cap/2 + U(0, cap/2). Never retries almost at once, at the price of more waiting. */
function equalJitter(cap, random) {
    return cap / 2 + random() * (cap / 2);
}
/**
 * `decorrelated`: min(maxDelay, U(baseDelay, 3 * previous)), where previous is the wait actually
 * slept last (baseDelay before the first retry). If a short server wait made 3 * previous fall
 * below baseDelay, the range collapses to baseDelay.
 */
function decorrelatedJitter(previousWaitMs, baseDelayMs, maxDelayMs, random) {
    const high = Math.max(baseDelayMs, 3 * previousWaitMs);
    return Math.min(maxDelayMs, baseDelayMs + random() * (high - baseDelayMs));
}
/**
 * The wait before retry `retry` (1 for the first retry) in ms, for the given jitter mode.
 * `previousWaitMs` is the wait slept before the previous attempt (undefined before the first retry);
 * only `decorrelated` uses it.
 */
function backoffDelay(retry, previousWaitMs, options, random) {
    const { baseDelayMs, maxDelayMs } = options;
    switch (options.jitter) {
        case 'none':
            return noJitter(exponentialCap(retry, baseDelayMs, maxDelayMs));
        case 'full':
            return fullJitter(exponentialCap(retry, baseDelayMs, maxDelayMs), random);
        case 'equal':
            return equalJitter(exponentialCap(retry, baseDelayMs, maxDelayMs), random);
        case 'decorrelated':
            return decorrelatedJitter(previousWaitMs ?? baseDelayMs, baseDelayMs, maxDelayMs, random);
    }
}

;// CONCATENATED MODULE: ./src/retry/classify.ts
const SPEND_LIMIT_CODES = ['enforced_spend_limit_reached', 'contract_spend_limit_reached'];
/** Error types of a mid-stream `error` event that are worth another attempt. */
const RETRYABLE_STREAM_ERROR_TYPES = ['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'];
function isRetryableStatus(status) {
    return status === 408 || status === 409 || status === 429 || status >= 500;
}
/**
 * Retry or not, in the order the contract fixes: spend limits never; then the server's
 * x-should-retry; then the status / failure kind. `nowMs` (epoch ms) turns an HTTP-date
 * retry-after into a wait.
 */
function classify(failure, nowMs) {
    const decision = retryOrNot(failure);
    if (!decision.retry)
        return decision;
    const serverWait = serverRequestedWait(failure.headers, nowMs) ??
        (failure.status === 429 ? rateLimitResetWait(failure.headers, nowMs) : undefined);
    return serverWait ? { ...decision, serverWait } : decision;
}
function retryOrNot(failure) {
    if (failure.kind === 'cancelled')
        return { retry: false, why: 'the step was cancelled' };
    if (failure.kind === 'client')
        return { retry: false, why: 'the request could not be built' };
    if (failure.status === 429 && failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
        return { retry: false, why: `a spend limit was reached (${failure.errorCode})` };
    }
    const shouldRetry = serverSaysRetry(failure.headers);
    if (shouldRetry === true)
        return { retry: true, why: 'the server sent x-should-retry: true' };
    if (shouldRetry === false)
        return { retry: false, why: 'the server sent x-should-retry: false' };
    switch (failure.kind) {
        case 'connection':
            return { retry: true, why: 'the connection failed' };
        case 'timeout':
            return { retry: true, why: 'the attempt timed out' };
        case 'invalid-response':
            return { retry: true, why: 'the response body was not a complete Message' };
        case 'invalid-output':
            // Cut off by max_tokens, the same request would be cut off again.
            return failure.errorType === 'output_truncated'
                ? { retry: false, why: 'the answer was cut off at max-tokens' }
                : { retry: true, why: 'the answer did not follow the schema' };
        case 'stream-error':
            return RETRYABLE_STREAM_ERROR_TYPES.includes(failure.errorType)
                ? { retry: true, why: `the stream reported ${failure.errorType}` }
                : { retry: false, why: `the stream reported ${failure.errorType}` };
        case 'http':
            return failure.status !== null && isRetryableStatus(failure.status)
                ? { retry: true, why: `HTTP ${failure.status} is transient` }
                : { retry: false, why: `HTTP ${failure.status} will not change on retry` };
    }
}
/**
 * The server's `x-should-retry`: true, false, or undefined when absent or neither. Read without
 * regard to case or surrounding spaces (`True`, `FALSE`), as header values from proxies vary.
 */
function serverSaysRetry(headers) {
    const value = headers['x-should-retry']?.trim().toLowerCase();
    return value === 'true' ? true : value === 'false' ? false : undefined;
}
/** retry-after-ms, else retry-after (seconds or an HTTP date). Unparseable or negative values are ignored. */
function serverRequestedWait(headers, nowMs) {
    const ms = headers['retry-after-ms'];
    if (ms !== undefined) {
        const value = Number(ms);
        if (ms.trim() !== '' && Number.isFinite(value) && value >= 0) {
            return { ms: value, reason: 'retry-after', said: `retry-after-ms: ${ms}` };
        }
    }
    const after = headers['retry-after'];
    if (after !== undefined) {
        const seconds = Number(after);
        if (after.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) {
            return { ms: seconds * 1000, reason: 'retry-after', said: `retry-after: ${after}` };
        }
        const date = Date.parse(after);
        if (!Number.isNaN(date))
            return { ms: Math.max(0, date - nowMs), reason: 'retry-after', said: `retry-after: ${after}` };
    }
    return undefined;
}
/** The API's rate-limit buckets, as named in `anthropic-ratelimit-<bucket>-{remaining,reset}`. */
const RATE_LIMIT_BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'];
/**
 * A 429 without retry-after still says when capacity returns: each exhausted bucket
 * (remaining 0) carries an RFC 3339 reset time. Wait for the latest of them, since the request
 * needs every bucket. A reset already past (clock skew) tells nothing: back off instead.
 */
function rateLimitResetWait(headers, nowMs) {
    let latest;
    for (const bucket of RATE_LIMIT_BUCKETS) {
        const remaining = headers[`anthropic-ratelimit-${bucket}-remaining`];
        const reset = Date.parse(headers[`anthropic-ratelimit-${bucket}-reset`] ?? '');
        if (remaining?.trim() !== '0' || Number.isNaN(reset))
            continue;
        const ms = reset - nowMs;
        if (ms > 0 && (!latest || ms > latest.ms)) {
            latest = {
                ms,
                reason: 'rate-limit-reset',
                said: `the ${bucket} limit is used up until ${new Date(reset).toISOString()}`
            };
        }
    }
    return latest;
}

;// CONCATENATED MODULE: ./src/retry/loop.ts


/**
 * The retry loop: one request per attempt, at most policy.maxRetries + 1 of them, waits from the
 * server or the jittered backoff, and a deadline no wait may cross.
 */
async function retry(policy, deps) {
    const start = deps.now();
    const deadline = deps.deadline ?? (policy.totalTimeoutMs === undefined ? Infinity : start + policy.totalTimeoutMs);
    const attempts = [];
    let previousWaitMs;
    const stop = (record, failure, detail) => {
        deps.onAttempt?.({ record, outcome: 'stop', failure, stop: detail.reason, detail });
        return { ok: false, failure, stop: detail.reason, detail, attempts, durationMs: deps.now() - start };
    };
    const totalTimeoutMs = policy.totalTimeoutMs ?? 0;
    for (let attempt = 1;; attempt++) {
        const attemptStart = deps.now();
        const timeoutMs = Math.min(policy.attemptTimeoutMs, deadline - attemptStart);
        const result = await deps.attempt({ attempt, timeoutMs, signal: deps.signal });
        const end = deps.now();
        const record = {
            attempt,
            startMs: attemptStart - start,
            durationMs: end - attemptStart,
            status: result.ok ? result.status : result.failure.status,
            errorType: result.ok ? null : result.failure.errorType,
            requestId: result.ok ? result.requestId : result.failure.requestId,
            model: result.model,
            waitMs: 0,
            waitReason: null
        };
        attempts.push(record);
        if (result.ok) {
            deps.onAttempt?.({ record, outcome: 'success' });
            return { ok: true, value: result.value, attempts, durationMs: end - start };
        }
        const failure = result.failure;
        if (deps.signal.aborted || failure.kind === 'cancelled') {
            return stop(record, { ...failure, kind: 'cancelled', errorType: 'cancelled' }, { reason: 'cancelled', during: 'attempt' });
        }
        const nextModel = deps.switchModel?.(failure);
        const decision = nextModel
            ? { retry: true, why: 'fallback', fallbackTo: nextModel }
            : classify(failure, end);
        if (!decision.retry)
            return stop(record, failure, { reason: 'final-error', why: decision.why });
        if (attempt > policy.maxRetries) {
            return stop(record, failure, { reason: 'retries-exhausted', attempts: attempt, maxRetries: policy.maxRetries });
        }
        if (end >= deadline)
            return stop(record, failure, { reason: 'deadline', totalTimeoutMs });
        if (nextModel) {
            record.waitReason = 'fallback';
            deps.onAttempt?.({ record, outcome: 'retry', failure, decision });
            continue;
        }
        const serverWait = decision.serverWait;
        let waitMs;
        if (serverWait?.reason === 'retry-after') {
            if (serverWait.ms > policy.maxDelayMs) {
                return stop(record, failure, {
                    reason: 'server-wait-too-long',
                    waitMs: serverWait.ms,
                    said: serverWait.said,
                    maxDelayMs: policy.maxDelayMs
                });
            }
            waitMs = serverWait.ms;
        }
        else if (serverWait?.reason === 'rate-limit-reset') {
            // Every client the bucket refused learns the same reset time: waiting exactly until then
            // brings them all back for the first free token (the benchmark saw 11 of 50 fail that
            // way). The jittered backoff on top spreads them. An inference, not an order: capped.
            waitMs = Math.min(policy.maxDelayMs, serverWait.ms + backoffDelay(attempt, previousWaitMs, policy, deps.random));
        }
        else {
            waitMs = backoffDelay(attempt, previousWaitMs, policy, deps.random);
        }
        waitMs = Math.round(waitMs);
        if (end + waitMs >= deadline) {
            return stop(record, failure, {
                reason: 'deadline',
                totalTimeoutMs,
                nextWait: { ms: waitMs, said: serverWait?.said }
            });
        }
        record.waitMs = waitMs;
        record.waitReason = serverWait?.reason ?? 'backoff';
        deps.onAttempt?.({ record, outcome: 'retry', failure, decision });
        await deps.sleep(waitMs, deps.signal);
        if (deps.signal.aborted) {
            // Already announced as a retry: record the wait actually slept, and stop without a second event.
            const now = deps.now();
            record.waitMs = now - end;
            const cancelled = {
                ...failure,
                kind: 'cancelled',
                errorType: 'cancelled',
                message: 'cancelled during a wait'
            };
            return {
                ok: false,
                failure: cancelled,
                stop: 'cancelled',
                detail: { reason: 'cancelled', during: 'wait' },
                attempts,
                durationMs: now - start
            };
        }
        previousWaitMs = waitMs;
    }
}

;// CONCATENATED MODULE: ./src/claude/token-guard.ts
/**
 * max-input-tokens: count the prompt with the API's count-tokens endpoint, under the same retry
 * policy and deadline, before the Messages request. Returns data; report/result.ts words it.
 */

async function guardInputTokens(policy, limit, deps) {
    const counted = await retry(policy, deps);
    return counted.ok && counted.value <= limit ? { fits: true, counted } : { fits: false, counted, limit };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/report/format.ts
/** A count with its noun, for people: "1 attempt", "3 attempts". */
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
/** Invisible in the log, and not white space to the runner, so it breaks a command marker. */
const ZERO_WIDTH_SPACE = '\u200b';
/** The white space .NET's TrimStart removes (Char.IsWhiteSpace), which the runner trims before `::`. */
const RUNNER_LEADING_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;
/**
 * The one gate for a log line that holds server- or user-controlled text (error messages,
 * request-ids, model names, URLs). The runner runs a workflow command from any stdout line that
 * starts with `::` (after white space) and, in the legacy form, from `##[name]` ANYWHERE in a line
 * (actions/runner ActionCommand.TryParseV2 / TryParse). So: line breaks (LF, CR, CRLF end a line
 * for the runner) become spaces, a zero-width space goes into every `##[`, and one goes before
 * a leading `::`. The text still reads the same in the log. Multi-line text (the answer) is
 * printed inside a stop-commands guard instead.
 */
function oneLine(text) {
    const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/##\[/g, `##${ZERO_WIDTH_SPACE}[`);
    const lead = RUNNER_LEADING_WHITE_SPACE.exec(flat)?.[0] ?? '';
    return flat.startsWith('::', lead.length) ? ZERO_WIDTH_SPACE + flat : flat;
}
/** An attempt's outcome in a few words: "200 ok", "529 overloaded_error", "timeout". */
function outcomeOf(record) {
    if (record.errorType === null)
        return `${record.status ?? ''} ok`.trim();
    return record.status === null ? record.errorType : `${record.status} ${record.errorType}`;
}

;// CONCATENATED MODULE: ./src/inputs/base-url.ts
/** The API base URL: checked before any request, its credentials never shown, and a warning for clear text. */


/**
 * base-url, else ANTHROPIC_BASE_URL. Checked here so a bad URL fails before any request: fetch
 * refuses a URL with credentials, which would otherwise surface as a retried "Connection error."
 * on every attempt. The value is shown with any user:password@ part hidden.
 */
function baseUrlInput(source) {
    const fromInput = source.getInput(Inputs.baseUrl).trim();
    const raw = fromInput || source.env.ANTHROPIC_BASE_URL?.trim() || '';
    if (raw === '')
        return undefined;
    const name = fromInput
        ? `Input '${Inputs.baseUrl}'`
        : `ANTHROPIC_BASE_URL (used because '${Inputs.baseUrl}' is empty)`;
    const shown = hideUrlCredentials(raw);
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new ConfigError(`${name} has invalid value '${shown}'. Expected an http:// or https:// URL.`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new ConfigError(`${name} has invalid value '${shown}': it holds a user name or password, which the HTTP client refuses to send. ` +
            `Expected an http:// or https:// URL without credentials (the API key travels in its own header).`);
    }
    return raw;
}
/** Everything up to the last '@' after the scheme, replaced: even an unparsable URL never shows its password. */
function hideUrlCredentials(value) {
    return value.includes('@')
        ? value.replace(/^([a-z][a-z0-9+.-]*:[\\/]*)?.*@/is, (_match, scheme) => `${scheme ?? ''}***@`)
        : value;
}
/**
 * A warning when the key would travel in clear text: plain http:// to a host other than this
 * machine (127.0.0.0/8, ::1, localhost). The URL parser has already normalised the host
 * (http://2130706433/ is 127.0.0.1).
 */
function plainHttpWarning(baseUrl) {
    if (baseUrl === undefined)
        return undefined;
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' || isLoopback(url.hostname))
        return undefined;
    return `The API base URL is plain http:// to ${url.host}, not this machine: the API key and the prompt travel in clear text. Use https://.`;
}
function isLoopback(hostname) {
    const host = hostname.toLowerCase();
    return (host === 'localhost' ||
        host === '[::1]' ||
        /^127\.\d+\.\d+\.\d+$/.test(host) ||
        /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host));
}

;// CONCATENATED MODULE: ./src/retry/failure.ts
/** `<error type>: <message>`, the form of the `error` output. */
function describeFailure(failure) {
    return failure.kind === 'cancelled' ? 'cancelled' : `${failure.errorType}: ${failure.message}`;
}

;// CONCATENATED MODULE: ./src/report/log-lines.ts







/**
 * How much of a server's words goes into a sentence (log line, annotation, summary): a message
 * up to 4 KiB, an error type or request-id up to 256 bytes. A body can be megabytes (a proxy's
 * page); the first KiBs say what went wrong, and a line that size is read by no one.
 */
const SENTENCE_MESSAGE_BYTES = 4096;
const SENTENCE_FIELD_BYTES = 256;
/** The failure with its server text clipped for a sentence. */
function bounded(failure) {
    return {
        ...failure,
        errorType: clip(failure.errorType, SENTENCE_FIELD_BYTES),
        requestId: failure.requestId === null ? null : clip(failure.requestId, SENTENCE_FIELD_BYTES),
        message: clip(failure.message, SENTENCE_MESSAGE_BYTES)
    };
}
/** An attempt record with its server fields clipped the same way. */
function boundedRecord(record) {
    return {
        ...record,
        errorType: record.errorType === null ? null : clip(record.errorType, SENTENCE_FIELD_BYTES),
        requestId: record.requestId === null ? null : clip(record.requestId, SENTENCE_FIELD_BYTES),
        model: clip(record.model, SENTENCE_FIELD_BYTES)
    };
}
/** The one log line per attempt: attempt k of n, outcome, request-id, and the wait with its reason. */
function attemptLine(event, maxAttempts) {
    const failure = 'failure' in event ? { failure: bounded(event.failure) } : {};
    return oneLine(describeAttempt({ ...event, record: boundedRecord(event.record), ...failure }, maxAttempts));
}
function describeAttempt(event, maxAttempts) {
    const { record } = event;
    const head = `Attempt ${record.attempt} of ${maxAttempts}: ${outcomeOf(record)}`;
    const id = record.requestId ? ` (request-id ${record.requestId})` : '';
    const took = ` after ${formatSeconds(record.durationMs)}`;
    switch (event.outcome) {
        case 'success':
            return `${head}${id}${took}.`;
        case 'retry': {
            if (record.waitReason === 'fallback') {
                return `${head}${id}${took}: ${event.failure.message}. Retrying at once (fallback; moving on to model ${event.decision.retry ? event.decision.fallbackTo : ''}).`;
            }
            const serverWait = event.decision.retry ? event.decision.serverWait : undefined;
            // retry-after's own words already name it ("retry-after-ms: 150"); a reset is our reading of the headers.
            const reason = !serverWait
                ? `backoff; ${event.decision.why}`
                : serverWait.reason === 'retry-after'
                    ? serverWait.said
                    : `${serverWait.reason}: ${serverWait.said}`;
            return `${head}${id}${took}: ${event.failure.message}. Retrying in ${formatSeconds(record.waitMs)} (${reason}).`;
        }
        case 'stop':
            return `${head}${id}${took}: ${event.failure.message}. Stopping: ${describeStop(event.detail)}.`;
    }
}
/** Why the loop stopped, in words: "gave up after 3 attempts (max-retries is 2)". */
function describeStop(detail) {
    switch (detail.reason) {
        case 'final-error':
            return `not retried: ${detail.why}`;
        case 'retries-exhausted':
            return `gave up after ${plural(detail.attempts, 'attempt')} (max-retries is ${detail.maxRetries})`;
        case 'server-wait-too-long':
            return `the server asked to wait ${formatSeconds(detail.waitMs)} (${detail.said}), more than max-delay (${formatSeconds(detail.maxDelayMs)})`;
        case 'deadline': {
            const limit = `total-timeout (${formatSeconds(detail.totalTimeoutMs)})`;
            const next = detail.nextWait;
            if (!next)
                return `${limit} reached`;
            const asked = next.said
                ? `waiting ${formatSeconds(next.ms)} (${next.said})`
                : `the next wait (${formatSeconds(next.ms)})`;
            return `${asked} would end past ${limit}`;
        }
        case 'cancelled':
            return detail.during === 'wait' ? 'the step was cancelled during a wait' : 'the step was cancelled';
    }
}
/** What the user should do about a failure; undefined when there is nothing useful to say. */
function hintFor(failure, stop, model) {
    switch (stop) {
        case 'cancelled':
            return undefined;
        case 'retries-exhausted':
            return `The failures were transient but outlasted the retries: raise '${Inputs.maxRetries}' or '${Inputs.totalTimeout}', or run again later.`;
        case 'deadline':
            return `Raise '${Inputs.totalTimeout}', or lower '${Inputs.maxDelay}' so more attempts fit in it.`;
        case 'server-wait-too-long':
            return `Raise '${Inputs.maxDelay}' to honour the server's wait, or run again later.`;
        case 'final-error':
            break;
    }
    if (failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
        return 'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.';
    }
    if (serverSaysRetry(failure.headers) === false)
        return 'The server said this request must not be retried.';
    switch (failure.status) {
        case 400:
            return `The API rejected the request: check '${Inputs.model}', '${Inputs.maxTokens}', '${Inputs.temperature}' and the prompt.`;
        case 401:
            return `Check the API key: the secret passed as '${Inputs.apiKey}' (or ANTHROPIC_API_KEY) is wrong, revoked or empty.`;
        case 402:
            return "Check the organisation's billing and credit balance in the Claude Console.";
        case 403:
            return `The key may not use this model or resource: check its workspace and model access ('${model}').`;
        case 404:
            return `Check the model name '${model}' ('${Inputs.model}') and '${Inputs.baseUrl}'.`;
        case 413:
            return 'The request is too large: shrink the prompt or the system prompt.';
    }
    if (failure.kind === 'client')
        return 'The SDK refused the request before sending it.';
    return undefined;
}
/**
 * The whole failure sentence for setFailed and the summary: what, where, why it stopped, what
 * to do. `opening` replaces "Claude request failed after N attempts" (the token guard's own).
 */
function explainFailure(failure, detail, attempts, model, opening = `Claude request failed after ${plural(attempts, 'attempt')}`) {
    const stop = detail.reason;
    if (stop === 'cancelled')
        return `Cancelled after ${plural(attempts, 'attempt')}: ${describeStop(detail)}.`;
    failure = bounded(failure);
    const where = [
        failure.status !== null ? `HTTP ${failure.status}` : '',
        failure.requestId ? `request-id ${failure.requestId}` : ''
    ]
        .filter(Boolean)
        .join(', ');
    const hint = hintFor(failure, stop, model);
    return (`${opening}: ${describeFailure(failure)}` +
        (where ? ` (${where})` : '') +
        `. ${capitalise(describeStop(detail))}.` +
        (hint ? ` ${hint}` : ''));
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** The log's opening: what is asked under which limits, and a warning if the key would travel in clear text. */
function logConfig(config) {
    core/* info */.pq(describeConfig(config));
    const httpWarning = plainHttpWarning(config.baseUrl);
    if (httpWarning)
        core/* warning */.$e(httpWarning);
}
/** The line that opens the log: what is asked, and under which limits. Model names are the user's text. */
function describeConfig(config) {
    const { retry: policy } = config;
    const seconds = (ms) => (ms === undefined ? 'none' : formatSeconds(ms));
    return oneLine([
        `Asking ${config.model}: prompt ${config.prompt.length} characters`,
        config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
        `, max-tokens ${config.maxTokens}, ${config.stream ? 'streaming' : 'not streaming'}`,
        config.jsonSchema ? ', answer must follow json-schema' : '',
        config.fallbackModels.length
            ? `, fallback models ${config.fallbackModels.join(', ')} after ${config.fallbackAfter} overloads`
            : '',
        `. Up to ${plural(policy.maxRetries + 1, 'attempt')}; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
        ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
    ].join(''));
}
/** Logs each attempt as it ends: a retried failure is a warning annotation, anything else a plain line. */
function attemptLogger(prefix, policy) {
    return event => {
        const line = prefix + attemptLine(event, policy.maxRetries + 1);
        if (event.outcome === 'retry')
            core/* warning */.$e(line);
        else
            core/* info */.pq(line);
    };
}
const MOCK_NOTICE = `'${Inputs.mockResponse}' is set: no request is sent to the API; its text goes through the same outputs, summary and comment.`;
function tokenCountLine(count, limit) {
    return `The prompt counts ${count} input tokens ('${Inputs.maxInputTokens}': ${limit}).`;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts



/**
 * GitHub allows 1 MB of outputs per job. Every output counts against this budget; the margin is
 * for comment-url, set later. Server text is clipped per output (below); past the budget
 * `message` is dropped first, then `response` is cut, then `json` is dropped, each with a warning
 * (the full text always stays in response-file).
 */
const OUTPUT_BUDGET_BYTES = 900_000;
/** `error`: the error type and the server's message; the start of a long body says what went wrong. */
const ERROR_OUTPUT_BYTES = 16 * 1024;
/** request-id, model and stop-reason: a few dozen bytes from a sane server. */
const FIELD_OUTPUT_BYTES = 1024;
/** `retry-log` keeps its last attempts that fit; `attempts` still counts them all. */
const RETRY_LOG_BYTES = 128 * 1024;
/** A token count from the server, only if it is one: a non-negative integer. */
function tokenCount(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
/** Every output known for this result, as strings; unknown ones are left out rather than faked. */
function outputValues(result, responseFile) {
    const warnings = [];
    const values = {
        [Outputs.attempts]: String(result.attempts.length),
        [Outputs.retryLog]: retryLogValue(result.attempts, warnings),
        [Outputs.durationMs]: String(Math.round(result.durationMs))
    };
    const lastRequestId = [...result.attempts].reverse().find(a => a.requestId)?.requestId;
    if (lastRequestId)
        values[Outputs.requestId] = clip(lastRequestId, FIELD_OUTPUT_BYTES);
    if (result.error !== undefined)
        values[Outputs.error] = clip(result.error, ERROR_OUTPUT_BYTES);
    if (result.inputTokensCounted !== undefined)
        values[Outputs.inputTokensCounted] = String(result.inputTokensCounted);
    const message = result.message;
    if (message) {
        // A hostile or broken server may send any JSON: strings are clipped, counts must be numbers.
        if (typeof message.model === 'string')
            values[Outputs.model] = clip(message.model, FIELD_OUTPUT_BYTES);
        if (typeof message.stop_reason === 'string' && message.stop_reason)
            values[Outputs.stopReason] = clip(message.stop_reason, FIELD_OUTPUT_BYTES);
        const usage = message.usage;
        const counts = [
            [Outputs.inputTokens, usage?.input_tokens],
            [Outputs.outputTokens, usage?.output_tokens],
            [Outputs.cacheReadInputTokens, usage?.cache_read_input_tokens ?? 0],
            [Outputs.cacheCreationInputTokens, usage?.cache_creation_input_tokens ?? 0]
        ];
        for (const [name, value] of counts) {
            const count = tokenCount(value);
            if (count !== undefined)
                values[name] = String(count);
        }
    }
    if (responseFile !== undefined)
        values[Outputs.responseFile] = responseFile;
    // The large values last, in order of worth: json whole or not at all (a cut JSON is no JSON),
    // then response (cut to fit), then message (whole or not at all).
    let room = OUTPUT_BUDGET_BYTES - Object.values(values).reduce((sum, v) => sum + utf8Bytes(v), 0);
    const text = result.text;
    const json = result.json;
    const messageJson = text !== undefined && message ? JSON.stringify(message) : undefined;
    const all = utf8Bytes(json) + utf8Bytes(text) + utf8Bytes(messageJson);
    if (all <= room) {
        if (json !== undefined)
            values[Outputs.json] = json;
        if (text !== undefined && message)
            values[Outputs.response] = text;
        if (messageJson !== undefined)
            values[Outputs.message] = messageJson;
        return { values, warnings };
    }
    if (messageJson !== undefined) {
        warnings.push(`The '${Outputs.message}' output was left empty: with the response it would pass GitHub's 1 MB output limit. Read '${Outputs.responseFile}' instead.`);
    }
    if (json !== undefined) {
        if (utf8Bytes(json) <= room) {
            values[Outputs.json] = json;
            room -= utf8Bytes(json);
        }
        else {
            warnings.push(`The '${Outputs.json}' output was left empty: its ${utf8Bytes(json)} bytes would pass GitHub's 1 MB output limit. Parse '${Outputs.responseFile}' instead.`);
        }
    }
    if (text !== undefined && message) {
        if (utf8Bytes(text) <= room) {
            values[Outputs.response] = text;
        }
        else {
            const cut = truncateUtf8(text, Math.max(0, room));
            values[Outputs.response] = cut;
            warnings.push(`The '${Outputs.response}' output holds only the first ${utf8Bytes(cut)} bytes of ${utf8Bytes(text)}; the whole text is in '${Outputs.responseFile}'.`);
        }
    }
    return { values, warnings };
}
/** The attempts as JSON, server fields clipped; the oldest are left out past RETRY_LOG_BYTES. */
function retryLogValue(attempts, warnings) {
    const records = attempts.map(boundedRecord);
    let json = JSON.stringify(records);
    if (utf8Bytes(json) <= RETRY_LOG_BYTES)
        return json;
    let kept = records.length;
    while (kept > 0 && utf8Bytes(json) > RETRY_LOG_BYTES) {
        kept = Math.floor(kept / 2);
        json = JSON.stringify(records.slice(records.length - kept));
    }
    warnings.push(`The '${Outputs.retryLog}' output holds only the last ${kept} of ${records.length} attempts, to stay within GitHub's 1 MB output limit.`);
    return json;
}

;// CONCATENATED MODULE: ./src/report/summary.ts




/** GitHub drops a step summary over 1 MiB whole; keep a margin for the runner's own bytes. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 1024;
/** The failure explanation (it may quote an input's value or a server's message). */
const EXPLANATION_BYTES = 16 * 1024;
/** Past this many attempts the table shows the first and last half of them, and no chart. */
const MAX_TABLE_ROWS = 200;
const STATUS_TITLE = {
    succeeded: '✅ Ask Claude succeeded',
    failed: '❌ Ask Claude failed',
    cancelled: '⚠️ Ask Claude was cancelled'
};
/**
 * Text from the server (error types, request ids) or the user (model) inside a table cell or
 * the status line: no HTML, no Markdown, no cell breaks.
 */
function escapeInline(text) {
    return text
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]|~#!]/g, c => `\\${c}`);
}
/**
 * A name or server field in the status line: a code span when it is a plain identifier, else
 * escaped text. A code span cannot hold a backtick, and `end_turn\`\n\n<!--` must not open an
 * HTML comment that hides the table and the response below it.
 */
function identifier(text) {
    const value = clip(String(text), 200);
    return /^[\w.:/@-]+$/.test(value) ? `\`${value}\`` : escapeInline(value);
}
function statusLine(result) {
    const parts = [
        result.model ? `model ${identifier(result.model)}` : undefined,
        plural(result.attempts.length, 'attempt'),
        result.countAttempts?.length ? `token count ${plural(result.countAttempts.length, 'attempt')}` : undefined,
        formatSeconds(result.durationMs)
    ];
    if (result.mock)
        parts.push('mock response: no request was sent');
    const usage = result.message?.usage;
    // Counts come from the server: print them only when they are numbers.
    const count = (value) => String(tokenCount(value) ?? '?');
    if (usage && !result.mock)
        parts.push(`${count(usage.input_tokens)} input / ${count(usage.output_tokens)} output tokens`);
    const stopReason = result.message?.stop_reason;
    if (stopReason)
        parts.push(`stop reason ${identifier(stopReason)}`);
    return parts.filter(Boolean).join(' · ');
}
/** No Messages request: say whether the token guard's count was sent, and how it ended. */
function noMessagesRequest(result) {
    const count = result.countAttempts?.length;
    if (!count)
        return '_No request was sent._';
    const how = result.inputTokensCounted !== undefined
        ? 'took'
        : result.status === 'cancelled'
            ? 'was cancelled after'
            : 'failed after';
    return `_The token count ${how} ${plural(count, 'attempt')}; no Messages request was sent._`;
}
function attemptsTable(result) {
    if (result.attempts.length === 0)
        return noMessagesRequest(result);
    const attempts = result.attempts.map(boundedRecord);
    const models = new Set(attempts.map(a => a.model));
    const row = (a) => {
        const outcome = outcomeOf(a) + (models.size > 1 ? ` (${a.model})` : '');
        const wait = a.waitReason ? `${formatSeconds(a.waitMs)} (${a.waitReason})` : '—';
        const cells = [
            String(a.attempt),
            formatSeconds(a.startMs),
            formatSeconds(a.durationMs),
            outcome,
            a.requestId ?? '—',
            wait
        ];
        return `| ${cells.map(escapeInline).join(' | ')} |`;
    };
    const half = MAX_TABLE_ROWS / 2;
    const rows = attempts.length <= MAX_TABLE_ROWS
        ? attempts.map(row)
        : [
            ...attempts.slice(0, half).map(row),
            `| … | ${attempts.length - MAX_TABLE_ROWS} more attempts | | | | |`,
            ...attempts.slice(-half).map(row)
        ];
    return [
        '| # | Started | Took | Outcome | Request ID | Wait before next |',
        '|---|---|---|---|---|---|',
        ...rows
    ].join('\n');
}
/** Mermaid task names end at ':' and comments start at '#' or '%%': keep names to plain characters. */
function ganttLabel(text) {
    return text.replace(/[^\w .()/-]/g, '_');
}
/**
 * The attempts as a Mermaid gantt chart (GitHub renders Mermaid in summaries): one bar per
 * request, failed ones marked crit, and one per wait labelled with its reason. Times are ms
 * from the first request (dateFormat x), so the axis reads minutes:seconds.
 */
function attemptsGantt(attempts) {
    const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %M:%S', '  section Requests'];
    attempts = attempts.map(boundedRecord);
    const models = new Set(attempts.map(a => a.model));
    for (const a of attempts) {
        const end = a.startMs + a.durationMs;
        const outcome = outcomeOf(a);
        const model = models.size > 1 ? ` ${a.model}` : '';
        const tag = a.errorType === null ? 'done' : 'crit';
        lines.push(`  ${ganttLabel(`Attempt ${a.attempt} ${outcome}${model}`)} :${tag}, a${a.attempt}, ${a.startMs}, ${end}`);
    }
    const waits = attempts.filter(a => a.waitReason !== null);
    if (waits.length > 0)
        lines.push('  section Waits');
    for (const a of waits) {
        const start = a.startMs + a.durationMs;
        lines.push(`  ${ganttLabel(`${a.waitReason} ${formatSeconds(a.waitMs)}`)} :w${a.attempt}, ${start}, ${start + a.waitMs}`);
    }
    lines.push('```');
    return lines.join('\n');
}
/**
 * The job summary in Markdown: status line, failure explanation, attempts table, then the response.
 * The response comes last so whatever Markdown it holds (an unclosed fence, raw HTML) cannot
 * disturb the parts above it; a note about truncation therefore goes before it.
 */
function renderSummary(result, mode, responseFile) {
    if (mode === 'off')
        return '';
    const head = [`### ${STATUS_TITLE[result.status]}`, '', statusLine(result), ''];
    if (result.explanation)
        head.push(`> ${escapeInline(clip(result.explanation, EXPLANATION_BYTES))}`, '');
    head.push('#### Attempts', '', attemptsTable(result), '');
    if (result.attempts.length > 0 && result.attempts.length <= MAX_TABLE_ROWS)
        head.push(attemptsGantt(result.attempts), '');
    let summary = head.join('\n');
    if (mode === 'metadata' || result.text === undefined)
        return summary;
    summary += '\n#### Response\n\n';
    const room = SUMMARY_LIMIT_BYTES - utf8Bytes(summary);
    if (utf8Bytes(result.text) <= room)
        return `${summary}${result.text}\n`;
    const note = `> The response is ${utf8Bytes(result.text)} bytes; only its start fits in a job summary. The whole text is in the \`response-file\` output${responseFile ? ` (\`${responseFile}\`)` : ''}.\n\n`;
    return `${summary}${note}${truncateUtf8(result.text, room - utf8Bytes(note) - 1)}\n`;
}

;// CONCATENATED MODULE: ./src/github/body.ts



/** GitHub rejects a comment body over 65,536 characters. */
const COMMENT_LIMIT = 65536;
const DEFAULT_MARKER = '<!-- ask-claude -->';
/**
 * The hidden marker for a comment. Without a key every step of a repository shares
 * `<!-- ask-claude -->`; with one (post.ts gives workflow/job/step) two steps
 * commenting on the same PR keep separate comments. The key is reduced to characters that
 * cannot end or break an HTML comment.
 */
function commentMarker(key) {
    const clean = (key ?? '')
        .trim()
        .replace(/[^A-Za-z0-9._:/@+-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '');
    return clean === '' ? DEFAULT_MARKER : `<!-- ask-claude:${clean} -->`;
}
/**
 * One line of provenance, so a reader of the PR knows what wrote it, then the answer. The model
 * name comes from the server: escaped, it cannot close the <sub> or add HTML or a link. The
 * answer comes last: an unclosed code fence in it cannot swallow anything after it.
 */
function commentBody(result, runUrl) {
    const attempts = result.attempts.length;
    const provenance = result.mock
        ? `mock response (no request was sent)`
        : `${escapeInline(String(result.message?.model ?? result.model))} · ${plural(attempts, 'attempt')} · ${formatSeconds(result.durationMs)}`;
    return `<sub>Ask Claude · ${provenance} · [run](${runUrl})</sub>\n\n${result.text ?? ''}\n`;
}
/**
 * The comment as posted: marker line, then the body; at most COMMENT_LIMIT characters (UTF-16
 * code units, which never undercount GitHub's characters). A body that does not fit is cut
 * (never inside a surrogate pair; an open code fence is closed) and ends with a link to the run.
 */
function fitCommentBody(body, marker, runUrl) {
    const whole = `${marker}\n${body}`;
    if (whole.length <= COMMENT_LIMIT)
        return whole;
    const note = `\n\n… truncated; full response in the run: ${runUrl}`;
    // Room for the cut body, keeping space for a fence closer (at most "\n" + fence).
    let room = COMMENT_LIMIT - marker.length - 1 - note.length;
    let cut = cutAt(body, Math.max(0, room));
    let fence = openFence(cut);
    if (fence !== undefined) {
        room -= fence.length + 1;
        cut = cutAt(body, Math.max(0, room));
        fence = openFence(cut);
    }
    const result = `${marker}\n${cut}${fence !== undefined ? `\n${fence}` : ''}${note}`;
    // Only an absurd marker or run URL gets here over the limit; the limit still holds.
    return result.length <= COMMENT_LIMIT ? result : cutAt(result, COMMENT_LIMIT);
}
/** The first `length` UTF-16 units of `text`, one fewer when that would split a surrogate pair. */
function cutAt(text, length) {
    if (text.length <= length)
        return text;
    let end = length;
    const last = text.charCodeAt(end - 1);
    if (end > 0 && last >= 0xd800 && last <= 0xdbff)
        end--;
    return text.slice(0, end);
}
/** The closing fence for a fenced code block still open at the end of `markdown`, if any. */
function openFence(markdown) {
    let open;
    for (const line of markdown.split('\n')) {
        const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
        if (!match)
            continue;
        const run = match[1];
        const rest = match[2];
        if (open === undefined) {
            // A backtick fence's info string may not contain backticks.
            if (run[0] === '`' && rest.includes('`'))
                continue;
            open = { char: run[0], length: run.length };
        }
        else if (run[0] === open.char && run.length >= open.length && rest.trim() === '') {
            open = undefined;
        }
    }
    return open === undefined ? undefined : open.char.repeat(open.length);
}

;// CONCATENATED MODULE: ./src/github/errors.ts
/** A failure talking to GitHub, with a message that says what to fix. Never holds the token. */
class CommentError extends Error {
    status;
    reason;
    name = 'CommentError';
    constructor(message, 
    /** GitHub's HTTP status; undefined when no answer came (network, abort). */
    status, 
    /** Set when the step was cancelled, or a time limit ended the request. */
    reason) {
        super(message);
        this.status = status;
        this.reason = reason;
    }
}
/** What came back, in a few words without the token: "GitHub answered 403 …" or "no answer from GitHub (…)". */
function whatGitHubSaid(error, token) {
    const { status, response, githubMessage } = errorParts(error);
    const scrub = (text) => (token.length >= 4 ? text.split(token).join('***') : text);
    // No answer from GitHub: octokit reports a failed fetch as status 500 without a response.
    if (status === undefined || (status === 500 && response === undefined))
        return scrub(`no answer from GitHub (${rootCause(error)})`);
    return scrub(`GitHub answered ${status}${githubMessage ? ` ${githubMessage}` : ''}`);
}
function errorParts(error) {
    const status = typeof error?.status === 'number' ? error.status : undefined;
    const response = error?.response;
    const data = response?.data;
    const githubMessage = typeof data?.message === 'string' ? data.message : error instanceof Error ? error.message : String(error);
    return { status, response, githubMessage };
}
function describeGitHubError(error, step, where, target, token) {
    const { status, response, githubMessage } = errorParts(error);
    const scrub = (text) => (token.length >= 4 ? text.split(token).join('***') : text);
    const base = `Could not ${step} ${where}`;
    const answered = whatGitHubSaid(error, token);
    if (status === undefined || (status === 500 && response === undefined))
        return new CommentError(`${base}: ${answered}.`, undefined);
    if (status === 401) {
        return new CommentError(scrub(`${base}: ${answered}. The token was rejected (bad or expired credentials): check the \`github-token\` input; it defaults to \`\${{ github.token }}\`, which is valid only during the run.`), status);
    }
    const rateLimited = status === 429 ||
        (status === 403 && (/rate limit/i.test(githubMessage) || response?.headers?.['x-ratelimit-remaining'] === '0'));
    if (rateLimited) {
        return new CommentError(scrub(`${base}: ${answered}. GitHub's API rate limit for this token is exhausted; try again later.`), status);
    }
    if (status === 403 || status === 404) {
        const permission = target === 'pr' ? 'pull-requests: write' : 'issues: write';
        return new CommentError(scrub(`${base}: ${answered}. The token needs \`permissions: ${permission}\` (set it on the workflow or the job). ` +
            `The \`github-token\` input defaults to \`\${{ github.token }}\`, whose permissions the workflow grants; ` +
            `runs for pull requests from forks get a read-only token whatever the workflow asks for, so they cannot comment (use comment-on: none there).`), status);
    }
    return new CommentError(scrub(`${base}: ${answered}.`), status);
}
/** The innermost message of an error chain ("fetch failed" → "connect ECONNREFUSED 127.0.0.1:1"). Duck-typed: errors may come from another realm. */
function rootCause(error) {
    let message = 'unknown error';
    let current = error;
    for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
        const { message: text, code } = current;
        if (typeof text === 'string' && text !== '' && text !== 'Unknown Error')
            message = typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
        current = current.cause;
    }
    return message;
}

;// CONCATENATED MODULE: ./src/github/target.ts
/**
 * Which pull request or issue the comment goes on, from the runner's environment and the event
 * payload. Pure but for reading the payload file, which is passed in.
 */
const DEFAULT_API_URL = 'https://api.github.com';
/** Which PR / issue number the event is about, or why there is none. Pure. */
function commentTargetFromEvent(eventName, json, target) {
    // Optional chaining reads nothing from null or a primitive; every value is checked below.
    const payload = json;
    const event = eventName || '(unknown event)';
    const prEvents = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
    const issueNumber = positiveInteger(payload?.issue?.number);
    const isPrComment = eventName === 'issue_comment' && payload?.issue?.pull_request != null;
    if (target === 'pr') {
        if (prEvents.includes(eventName)) {
            const number = positiveInteger(payload?.pull_request?.number);
            return number !== undefined
                ? { number }
                : { error: `The ${event} event payload has no pull_request.number; cannot comment on the pull request.` };
        }
        if (isPrComment) {
            return issueNumber !== undefined
                ? { number: issueNumber }
                : { error: 'The issue_comment event payload has no issue.number; cannot comment on the pull request.' };
        }
        if (eventName === 'issue_comment' || eventName === 'issues') {
            return {
                error: `comment-on is pr, but this ${event} event is on issue #${issueNumber ?? '?'}, not a pull request. Use comment-on: issue to comment on issues.`
            };
        }
        return {
            error: `comment-on is pr, but this run was triggered by ${event}, which has no pull request. Comment on pull requests from pull_request, pull_request_target or issue_comment runs, or set comment-on: none.`
        };
    }
    if (eventName === 'issues' || eventName === 'issue_comment') {
        // issue_comment on a pull request is fine too: a pull request is an issue to the comments API.
        return issueNumber !== undefined
            ? { number: issueNumber }
            : { error: `The ${event} event payload has no issue.number; cannot comment on the issue.` };
    }
    if (prEvents.includes(eventName)) {
        return {
            error: `comment-on is issue, but this run was triggered by ${event}, a pull request event. Use comment-on: pr.`
        };
    }
    return {
        error: `comment-on is issue, but this run was triggered by ${event}, which has no issue. Comment on issues from issues or issue_comment runs, or set comment-on: none.`
    };
}
function positiveInteger(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
/**
 * Everything but the token and body of a CommentRequest, from the runner's environment:
 * GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the payload JSON), GITHUB_REPOSITORY,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT and GITHUB_API_URL.
 */
function commentContextFromEnv(env, readFile, target) {
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || rest.length > 0) {
        return {
            error: `GITHUB_REPOSITORY is ${env.GITHUB_REPOSITORY ? `"${env.GITHUB_REPOSITORY}"` : 'not set'}; expected owner/repo.`
        };
    }
    const eventPath = env.GITHUB_EVENT_PATH;
    if (!eventPath)
        return { error: 'GITHUB_EVENT_PATH is not set, so there is no event payload to find the pull request or issue in.' };
    let payload;
    try {
        payload = JSON.parse(readFile(eventPath));
    }
    catch (error) {
        return {
            error: `Could not read the event payload at ${eventPath}: ${error instanceof Error ? error.message : String(error)}`
        };
    }
    const found = commentTargetFromEvent(env.GITHUB_EVENT_NAME ?? '', payload, target);
    if ('error' in found)
        return found;
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID ?? '';
    const attempt = env.GITHUB_RUN_ATTEMPT ?? '';
    const runUrl = /^\d+$/.test(runId)
        ? `${server}/${owner}/${repo}/actions/runs/${runId}${/^\d+$/.test(attempt) && attempt !== '1' ? `/attempts/${attempt}` : ''}`
        : `${server}/${owner}/${repo}/actions`;
    return { repository: { owner, repo }, number: found.number, runUrl, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL };
}

;// CONCATENATED MODULE: ./src/github/api.ts




/** 100 pages of 100: a thread longer than 10,000 comments gets a new comment rather than an endless scan. */
const MAX_PAGES = 100;
/** One GitHub request may take this long: an API that never answers must not hold the step until the job's timeout. */
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Create our comment, or update it when an earlier run left one: a comment whose body starts
 * with the marker AND that the token's own identity wrote (see `sameAuthor`). The marker is
 * public and anyone can paste it; a stranger's comment is never edited. One HTTP request per
 * API call, no retries; each is bounded by `requestTimeoutMs`, the deadline and the cancel signal.
 */
async function upsertComment(request) {
    const { token, repository, number, target } = request;
    if (!token) {
        throw new CommentError(`Posting a comment needs a GitHub token: set the \`github-token\` input (it defaults to \`\${{ github.token }}\`).`, undefined);
    }
    const marker = request.marker ?? DEFAULT_MARKER;
    const body = fitCommentBody(request.body, marker, request.runUrl);
    const baseUrl = (request.apiUrl || DEFAULT_API_URL).replace(/\/+$/, '');
    const where = `${target === 'pr' ? 'pull request' : 'issue'} #${number} in ${repository.owner}/${repository.repo}`;
    // Only `baseUrl` and `userAgent` are set: passing `request` here would replace the proxy-aware
    // fetch that @actions/github puts in its defaults (a shallow merge). Per-call `request` options
    // are merged deeply, so the abort signal goes on each call instead.
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(token, { baseUrl, userAgent: 'ask-claude-action' });
    const call = async (step, send, raw = false) => {
        const fail = (message, reason) => new CommentError(`Could not ${step} ${where}: ${message}`, undefined, reason);
        if (request.signal?.aborted)
            throw fail('cancelled.', 'cancelled');
        const left = request.deadline === undefined ? Infinity : request.deadline - Date.now();
        if (left <= 0)
            throw fail('total-timeout was reached before this request could start.', 'timeout');
        const requestLimit = request.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
        const timeoutMs = Math.max(1, Math.min(requestLimit, left));
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        try {
            return await send({ request: { signal } });
        }
        catch (error) {
            if (request.signal?.aborted)
                throw fail('cancelled.', 'cancelled');
            if (timeout.aborted) {
                const which = timeoutMs < requestLimit ? 'what total-timeout left of the step' : 'the limit for one GitHub request';
                throw fail(`GitHub did not answer within ${formatSeconds(timeoutMs)} (${which}).`, 'timeout');
            }
            throw raw ? error : describeGitHubError(error, step, where, target, token);
        }
    };
    const found = await findComment(octokit, request, marker, baseUrl, call);
    if (found.id !== undefined) {
        const id = found.id;
        const { data } = await call('update the comment on', options => octokit.rest.issues.updateComment({ ...repository, comment_id: id, body, ...options }));
        return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await call('create the comment on', options => octokit.rest.issues.createComment({ ...repository, issue_number: number, body, ...options }));
    return { action: 'created', id: data.id, url: data.html_url, ...(found.note !== undefined && { note: found.note }) };
}
/**
 * Our comment: the first one whose body starts with the marker and whose author is the token's
 * identity, following `link: rel="next"`. Who the token is, is asked only once a marked comment
 * turns up. When GitHub will not say, no comment is ours (`note` says why).
 */
async function findComment(octokit, request, marker, baseUrl, call) {
    const isMarked = (text) => typeof text === 'string' && (text === marker || text.startsWith(`${marker}\n`) || text.startsWith(`${marker}\r\n`));
    let identity;
    let response = await call('list the comments on', options => octokit.rest.issues.listComments({ ...request.repository, issue_number: request.number, per_page: 100, ...options }));
    for (let page = 1;; page++) {
        for (const comment of response.data) {
            if (!isMarked(comment.body))
                continue;
            identity ??= await whoPosts(octokit, call, request.token);
            if (identity.login !== undefined && sameAuthor(comment.user, identity.login))
                return { id: comment.id };
        }
        const next = /<([^<>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
        if (next === undefined || page >= MAX_PAGES)
            return { note: identity?.note };
        // The token goes with every page: follow only links back to the same API.
        if (new URL(next).origin !== new URL(baseUrl).origin)
            return { note: identity?.note };
        response = (await call('list the comments on', options => octokit.request(`GET ${next}`, options)));
    }
}
/**
 * The login the token posts as. GraphQL's `viewer` answers for every kind of token: a PAT's
 * user, `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]` for a GitHub App installation
 * token (REST `GET /user` refuses installation tokens with a 403, and `GET /app` needs the
 * App's JWT). Any failure but a cancel or timeout leaves the identity unknown.
 */
async function whoPosts(octokit, call, token) {
    const unknown = (why) => ({
        note: `could not tell which account the token posts as (${why}); posted a new comment rather than edit one it may not own`
    });
    try {
        const answer = await call('look up which account the token posts as, for', options => octokit.graphql('query { viewer { login } }', options), true);
        const login = answer?.viewer?.login;
        return typeof login === 'string' && login !== '' ? { login } : unknown('GitHub gave no login');
    }
    catch (error) {
        if (error instanceof CommentError)
            throw error; // cancelled or timed out
        return unknown(whatGitHubSaid(error, token));
    }
}
/**
 * A comment is ours only if the identity that posts wrote it. Logins compare case-insensitively
 * (GitHub's are). A bot's REST login ends in `[bot]`; accept a viewer login given without it
 * only for a comment whose author is a Bot, never for a user of that name.
 */
function sameAuthor(user, login) {
    const author = user?.login?.toLowerCase();
    if (author === undefined)
        return false;
    const me = login.toLowerCase();
    return author === me || (user?.type === 'Bot' && !me.endsWith('[bot]') && author === `${me}[bot]`);
}

;// CONCATENATED MODULE: ./src/github/post.ts
/**
 * github/: the comment-on step. This file runs it: find the PR or issue (target.ts), build the
 * comment (body.ts), post it (api.ts), and report where it went or why it was not posted.
 */








/**
 * Post (or update) the comment. The outputs and summary are already written; when the comment
 * fails, the step fails and the `error` output says why: `cancelled`, `comment_timeout: …`
 * (total-timeout, or a GitHub request that got no answer in 30 s) or `comment_error: …`.
 */
async function postComment(result, comment, env, limits = {}) {
    const context = commentContextFromEnv(env, file => (0,external_node_fs_.readFileSync)(file, 'utf8'), comment.on);
    if ('error' in context)
        return notPosted('comment_error', context.error);
    // One comment per workflow, job and step: re-runs update it, other steps keep their own.
    const marker = commentMarker([env.GITHUB_WORKFLOW, env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join('/'));
    try {
        const posted = await upsertComment({
            ...context,
            ...limits,
            token: comment.token,
            target: comment.on,
            body: commentBody(result, context.runUrl),
            marker
        });
        core/* setOutput */.uH(Outputs.commentUrl, posted.url);
        if (posted.note !== undefined)
            core/* warning */.$e(oneLine(`Comment: ${posted.note}.`));
        core/* info */.pq(oneLine(`Comment ${posted.action}: ${posted.url}`));
    }
    catch (error) {
        if (!(error instanceof CommentError))
            throw error;
        notPosted(error.reason === 'timeout' ? 'comment_timeout' : (error.reason ?? 'comment_error'), error.message);
    }
}
function notPosted(type, message) {
    // A later value of an output replaces the earlier one (empty after a successful answer).
    core/* setOutput */.uH(Outputs.error, type === 'cancelled' ? 'cancelled' : `${type}: ${message}`);
    core/* setFailed */.C1(`The answer was not posted: ${message}`);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/inputs/files.ts
/**
 * What the action may read from and write to disk. File inputs may name text from an untrusted
 * checkout (a PR can carry a symlink to /proc/self/environ), so every file input is read through
 * readInputFile, and every file the action writes is created through createOutputFile.
 */



/** The API refuses a request over 32 MB; a larger file cannot succeed, so it is refused unread. */
const MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024;
/**
 * On a runner: GITHUB_WORKSPACE (the checkout) and RUNNER_TEMP (where earlier steps write files),
 * relative paths from the workspace. In a local run, where neither is set: the working directory.
 */
function inputFileRoots(env, cwd = process.cwd()) {
    const allowed = [];
    if (env.GITHUB_WORKSPACE)
        allowed.push({ name: 'GITHUB_WORKSPACE', dir: env.GITHUB_WORKSPACE });
    if (env.RUNNER_TEMP)
        allowed.push({ name: 'RUNNER_TEMP', dir: env.RUNNER_TEMP });
    if (allowed.length === 0)
        allowed.push({ name: 'the working directory', dir: cwd });
    return { base: env.GITHUB_WORKSPACE || cwd, allowed };
}
/** Thrown with a complete sentence: the input, the value given, the resolved path and what is accepted. */
class InputFileError extends Error {
    name = 'InputFileError';
}
/**
 * Reads the file input `input` whose value is `given`. The rule: its real path (every symlink
 * resolved) is a regular file under one of roots.allowed, of at most MAX_INPUT_FILE_BYTES.
 * Symlinks inside the roots are fine; FIFOs, devices, directories and anything outside are refused
 * before a byte is read. Type and size come from fstat on the opened descriptor (no race between a
 * check and the read), opened non-blocking so a FIFO cannot hang the step, and the read stops one
 * byte past the limit even if the file grows meanwhile.
 */
function readInputFile(input, given, roots) {
    const allowedReal = roots.allowed.map(root => ({ ...root, real: realOrResolved(root.dir) }));
    const accepted = `a regular file of at most ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB under ` +
        allowedReal.map(root => `${root.name} (${root.real})`).join(' or ') +
        `; relative paths start at ${roots.base}, and symbolic links may point only inside those directories`;
    const refuse = (problem) => new InputFileError(`Input '${input}' has invalid value '${given}': ${problem}. Expected ${accepted}.`);
    const resolved = external_node_path_default().resolve(roots.base, given);
    let real;
    try {
        real = external_node_fs_.realpathSync.native(resolved);
    }
    catch (error) {
        // The long-standing message for a missing file; callers and tests match its start.
        throw new InputFileError(`Input '${input}' has invalid value '${given}'. Expected a readable file (relative paths start at ${roots.base}); reading ${resolved} failed: ${codeOf(error)}.`);
    }
    if (!allowedReal.some(root => isInside(root.real, real))) {
        throw refuse(`it resolves to ${real}, which is outside the allowed directories`);
    }
    let fd;
    try {
        // O_NOFOLLOW: the last component was resolved above; a symlink swapped in since is refused.
        fd = (0,external_node_fs_.openSync)(real, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NONBLOCK ?? 0) | (external_node_fs_.constants.O_NOFOLLOW ?? 0));
    }
    catch (error) {
        throw refuse(`opening ${real} failed: ${codeOf(error)}`);
    }
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (!stats.isFile())
            throw refuse(`it resolves to ${real}, which is ${kindOf(stats)}, not a regular file`);
        if (stats.size > MAX_INPUT_FILE_BYTES) {
            throw refuse(`it resolves to ${real}, which holds ${stats.size} bytes, more than the API accepts in one request`);
        }
        return readBounded(fd, MAX_INPUT_FILE_BYTES, () => refuse(`${real} grew past ${MAX_INPUT_FILE_BYTES} bytes while it was read`));
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function readBounded(fd, limit, tooLarge) {
    const chunks = [];
    let total = 0;
    for (;;) {
        const chunk = Buffer.allocUnsafe(64 * 1024);
        const read = (0,external_node_fs_.readSync)(fd, chunk, 0, chunk.length, null);
        if (read === 0)
            break;
        total += read;
        if (total > limit)
            throw tooLarge();
        chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total).toString('utf8');
}
/** `child` lies strictly inside `dir` (both real, absolute paths). */
function isInside(dir, child) {
    const relative = external_node_path_default().relative(dir, child);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${(external_node_path_default()).sep}`) && !external_node_path_default().isAbsolute(relative);
}
/** A root is compared by its real path (on macOS /var is /private/var); one that is missing still counts as itself. */
function realOrResolved(dir) {
    try {
        return external_node_fs_.realpathSync.native(dir);
    }
    catch {
        return external_node_path_default().resolve(dir);
    }
}
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
function codeOf(error) {
    return error.code ?? String(error);
}
/**
 * Creates `name` holding `text` in a fresh directory under RUNNER_TEMP (the OS temp directory in
 * a local run) and returns its path. Never through a symlink: mkdtemp makes a new directory with
 * an unguessable name (it fails rather than reuse one), and 'wx' (O_CREAT | O_EXCL) fails rather
 * than follow anything already at the path.
 */
function createOutputFile(name, text, env) {
    const directory = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'ask-claude-'));
    // mkdtemp makes it 0700; later steps may run as another user (a container action), as before.
    (0,external_node_fs_.chmodSync)(directory, 0o755);
    const file = external_node_path_default().join(directory, name);
    (0,external_node_fs_.writeFileSync)(file, text, { flag: 'wx' });
    return file;
}

;// CONCATENATED MODULE: ./src/retry/policy.ts
/**
 * retry/: the pure core. The policy and its types, the delay schedules (backoff.ts), retry or
 * not (classify.ts), the loop (loop.ts) and an abortable sleep. It imports no other folder:
 * the clock, sleep, random source, signal and the attempt itself are passed in, and it returns
 * data (attempt events, an outcome) that report/ turns into words.
 */
const JITTER_MODES = ['full', 'equal', 'decorrelated', 'none'];

;// CONCATENATED MODULE: ./src/inputs/config.ts





/**
 * The key from the input or ANTHROPIC_API_KEY. Main calls this first of all so the key is
 * masked before anything else can print it.
 */
function apiKeyFrom(source) {
    return source.getInput(Inputs.apiKey).trim() || (source.env.ANTHROPIC_API_KEY ?? '').trim();
}
/**
 * The SDK refuses a non-streaming call whose expected duration (60 min per 128k tokens) is
 * over 10 min, i.e. max_tokens above 21,333 (client.calculateNonstreamingTimeout).
 * A unit test checks this threshold against the installed SDK.
 */
const SDK_LONGEST_NONSTREAMING_MS = 10 * 60 * 1000;
const SDK_MS_PER_128K_TOKENS = 60 * 60 * 1000;
function sdkRequiresStreaming(maxTokens) {
    return (SDK_MS_PER_128K_TOKENS * maxTokens) / 128_000 > SDK_LONGEST_NONSTREAMING_MS;
}
/** Text from `name` or the file named by `fileName`; at most one of the two. */
function textOrFile(source, name, fileName, required) {
    const text = source.getInput(name);
    const file = source.getInput(fileName).trim();
    if (text.trim() !== '' && file !== '') {
        throw new ConfigError(`Inputs '${name}' and '${fileName}' were both given. Give only one of them.`);
    }
    if (file !== '') {
        let content;
        try {
            content = readInputFile(fileName, file, inputFileRoots(source.env));
        }
        catch (error) {
            if (error instanceof InputFileError)
                throw new ConfigError(error.message);
            throw error;
        }
        if (content.trim() === '')
            throw invalid(fileName, file, 'a file that is not empty');
        return content;
    }
    if (text.trim() !== '')
        return text;
    if (required) {
        throw new ConfigError(`Input '${name}' is required: give the message in '${name}', or a path to a file holding it in '${fileName}'.`);
    }
    return undefined;
}
function parseConfig(source) {
    const prompt = textOrFile(source, Inputs.prompt, Inputs.promptFile, true);
    const system = textOrFile(source, Inputs.system, Inputs.systemFile, false);
    const model = source.getInput(Inputs.model).trim() || Defaults.model;
    if (/\s/.test(model))
        throw invalid(Inputs.model, model, 'a model name without spaces, e.g. claude-sonnet-5-5');
    const maxTokens = integerInput(source, Inputs.maxTokens, Defaults.maxTokens, 1);
    const temperature = temperatureInput(source, Inputs.temperature);
    const mockText = source.getInput(Inputs.mockResponse);
    const mockResponse = mockText.trim() === '' ? undefined : mockText;
    const apiKey = apiKeyFrom(source);
    if (apiKey === '' && mockResponse === undefined) {
        throw new ConfigError(`No API key: input '${Inputs.apiKey}' is empty and ANTHROPIC_API_KEY is not set. ` +
            `Store the key as a repository secret and pass it: 'with: ${Inputs.apiKey}: \${{ secrets.ANTHROPIC_API_KEY }}'.`);
    }
    const baseUrl = baseUrlInput(source);
    const seconds = (name, fallback) => secondsInput(source, name, fallback, { positive: false });
    const retry = {
        maxRetries: integerInput(source, Inputs.maxRetries, Defaults.maxRetries, 0),
        baseDelayMs: toMs(seconds(Inputs.baseDelay, Defaults.baseDelaySeconds)),
        maxDelayMs: toMs(seconds(Inputs.maxDelay, Defaults.maxDelaySeconds)),
        jitter: choiceInput(source, Inputs.jitter, JITTER_MODES, Defaults.jitter),
        attemptTimeoutMs: toMs(secondsInput(source, Inputs.timeout, Defaults.timeoutSeconds, { positive: true })),
        totalTimeoutMs: toMs(secondsInput(source, Inputs.totalTimeout, undefined, { positive: true }))
    };
    const streamMode = choiceInput(source, Inputs.stream, STREAM_MODES, Defaults.stream);
    const stream = streamMode === 'auto' ? sdkRequiresStreaming(maxTokens) : streamMode === 'true';
    const commentOn = choiceInput(source, Inputs.commentOn, COMMENT_TARGETS, Defaults.commentOn);
    const githubToken = source.getInput(Inputs.githubToken).trim() || source.env.GITHUB_TOKEN?.trim() || '';
    if (commentOn !== 'none' && githubToken === '') {
        throw new ConfigError(`Input '${Inputs.commentOn}' is '${commentOn}' but '${Inputs.githubToken}' is empty. Pass 'with: ${Inputs.githubToken}: \${{ github.token }}' (the default in action.yml).`);
    }
    return {
        prompt,
        system,
        model,
        maxTokens,
        temperature,
        apiKey,
        baseUrl,
        retry,
        stream,
        summary: choiceInput(source, Inputs.summary, SUMMARY_MODES, Defaults.summary),
        jsonSchema: jsonSchemaInput(source),
        fallbackModels: modelList(source, Inputs.fallbackModels).filter(m => m !== model),
        fallbackAfter: integerInput(source, Inputs.fallbackAfter, Defaults.fallbackAfter, 1),
        mockResponse,
        maxInputTokens: optionalInteger(source, Inputs.maxInputTokens, 1),
        comment: commentOn === 'none' ? undefined : { on: commentOn, token: githubToken }
    };
}
/** The schema as parsed JSON; whether it is a valid JSON Schema is checked when it is compiled. */
function jsonSchemaInput(source) {
    const text = textOrFile(source, Inputs.jsonSchema, Inputs.jsonSchemaFile, false);
    if (text === undefined)
        return undefined;
    const name = source.getInput(Inputs.jsonSchema).trim() !== '' ? Inputs.jsonSchema : Inputs.jsonSchemaFile;
    let schema;
    try {
        schema = JSON.parse(text);
    }
    catch (error) {
        throw new ConfigError(`Input '${name}' is not valid JSON (${error.message}). Expected a JSON Schema object.`);
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
        throw new ConfigError(`Input '${name}' is not a JSON object. Expected a JSON Schema object, e.g. {"type":"object","properties":{...}}.`);
    }
    return schema;
}
/** The summary mode when the inputs are invalid (the summary input may be the invalid one): only a clear 'off' is honoured. */
function summaryModeOf(source) {
    return source.getInput(Inputs.summary).trim().toLowerCase() === 'off' ? 'off' : 'full';
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/report/publish.ts
/** The step's side effects at the end: response file, outputs, log echo and job summary. */








async function publish(result, summaryMode, env) {
    const responseFile = result.text === undefined ? undefined : createOutputFile('response.md', result.text, env);
    const { values, warnings } = outputValues(result, responseFile);
    for (const [name, value] of Object.entries(values))
        core/* setOutput */.uH(name, value);
    for (const warning of warnings)
        core/* warning */.$e(warning);
    if (result.text !== undefined)
        echoResponse(result.text, responseFile);
    const summary = renderSummary(result, summaryMode, responseFile);
    if (summary !== '' && env.GITHUB_STEP_SUMMARY)
        await core/* summary */.z.addRaw(summary).write();
}
/** The log shows the start of the answer; a log is for reading, the file is for the whole text. */
const ECHO_LIMIT_BYTES = 64 * 1024;
/**
 * Model text in the log could hold `::add-mask::` or `::error::` lines; between stop-commands
 * and a random token the runner treats every line as plain text. At most ECHO_LIMIT_BYTES of it.
 */
function echoResponse(text, responseFile) {
    const token = `ask-claude-${(0,external_node_crypto_.randomUUID)()}`;
    const shown = truncateUtf8(text, ECHO_LIMIT_BYTES);
    core/* startGroup */.Oh(`Response (${text.length} characters)`);
    core/* info */.pq(`::stop-commands::${token}`);
    core/* info */.pq(shown);
    core/* info */.pq(`::${token}::`);
    if (shown.length < text.length) {
        const total = utf8Bytes(text);
        core/* info */.pq(`The log shows the first ${utf8Bytes(shown)} bytes of ${total}; the whole answer is in the '${Outputs.responseFile}' output (${responseFile}).`);
    }
    core/* endGroup */.N4();
}
/** The step's status, last: failed with the explanation, or a closing line. */
function conclude(result) {
    if (result.explanation)
        core/* setFailed */.C1(result.explanation);
    else
        core/* info */.pq(`Done in ${formatSeconds(result.durationMs)} after ${plural(result.attempts.length, 'attempt')}.`);
}

;// CONCATENATED MODULE: ./src/report/result.ts






/** The Messages loop ended: its answer (checked against the schema) or why it failed. */
function stepResult(outcome, model, schemaCheck) {
    const common = { model, attempts: outcome.attempts, durationMs: outcome.durationMs };
    if (outcome.ok) {
        const text = responseText(outcome.value);
        const structured = schemaCheck && checkStructured(text, schemaCheck);
        const json = structured?.ok ? structured.json : undefined;
        return {
            ...common,
            status: 'succeeded',
            message: outcome.value,
            text,
            json,
            error: undefined,
            explanation: undefined
        };
    }
    return {
        ...common,
        status: outcome.stop === 'cancelled' ? 'cancelled' : 'failed',
        message: undefined,
        text: undefined,
        error: describeFailure(outcome.failure),
        explanation: explainFailure(outcome.failure, outcome.detail, outcome.attempts.length, model)
    };
}
/** mock-response stood in for the API: the same outputs, as long as the text follows the schema. */
function mockResult(model, text, schemaCheck) {
    const structured = schemaCheck && checkStructured(text, schemaCheck);
    const base = { model, attempts: [], durationMs: 0, mock: true };
    if (structured && !structured.ok) {
        const explanation = `The '${Inputs.mockResponse}' text does not follow '${Inputs.jsonSchema}': ${structured.message}.`;
        return {
            ...base,
            status: 'failed',
            message: undefined,
            text: undefined,
            error: `${structured.errorType}: ${structured.message}`,
            explanation
        };
    }
    const json = structured?.ok ? structured.json : undefined;
    return {
        ...base,
        status: 'succeeded',
        message: mockMessage(text, model),
        text,
        json,
        error: undefined,
        explanation: undefined
    };
}
/** Nothing was sent: outputs and summary still say what happened. */
function failedBeforeAnyRequest(model, error, explanation) {
    return {
        status: 'failed',
        model,
        message: undefined,
        text: undefined,
        attempts: [],
        durationMs: 0,
        error,
        explanation
    };
}
/** An input was invalid: the error names it, and no request was sent. */
function invalidInput(message) {
    return failedBeforeAnyRequest(undefined, `invalid_input: ${message}`, `${message} No request was sent.`);
}
/** The step was cancelled before its first request (e.g. while the action was loading). */
function cancelledBeforeAnyRequest(model) {
    return {
        ...failedBeforeAnyRequest(model, 'cancelled', 'The step was cancelled before any request was sent.'),
        status: 'cancelled'
    };
}
/**
 * The token guard stopped the step before any Messages request: its count failed, or the prompt
 * is over the limit. The count's attempts are reported apart (README, Token guard).
 */
function tokenGuardResult(guard, model) {
    const { counted, limit } = guard;
    const report = { countAttempts: counted.attempts, durationMs: counted.durationMs };
    if (!counted.ok) {
        const n = counted.attempts.length;
        const opening = `The token count for '${Inputs.maxInputTokens}' failed after ${plural(n, 'attempt')}, so no Messages request was sent`;
        const explanation = explainFailure(counted.failure, counted.detail, n, model, opening);
        const result = failedBeforeAnyRequest(model, describeFailure(counted.failure), explanation);
        return { ...result, ...report, status: counted.stop === 'cancelled' ? 'cancelled' : 'failed' };
    }
    const explanation = `The prompt counts ${counted.value} input tokens, more than '${Inputs.maxInputTokens}' (${limit}); no Messages request was sent. Shrink the prompt or raise the limit.`;
    const result = failedBeforeAnyRequest(model, `too_many_input_tokens: ${counted.value} > ${limit}`, explanation);
    return { ...result, ...report, inputTokensCounted: counted.value };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action, wired: inputs → config → (token guard) → retry loop → outputs, summary, comment.
 * Each stage lives in its folder; this file only connects them and owns the step's status.
 */













/** Runs the step; fails it on anything thrown. `cancel` (from index.ts) stops every request and wait. */
async function run(cancel = new AbortController().signal) {
    try {
        await askClaude(cancel);
    }
    catch (error) {
        // Anything, not only Errors: a thrown string must not end the step green.
        core/* setFailed */.C1(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
}
async function askClaude(cancel) {
    const source = { getInput: name => core/* getInput */.V4(name), env: process.env };
    // Mask the key before anything else can print it.
    const apiKey = apiKeyFrom(source);
    if (apiKey !== '')
        core/* setSecret */.Pq(apiKey);
    let config;
    let schemaCheck;
    try {
        config = parseConfig(source);
        if (config.comment)
            core/* setSecret */.Pq(config.comment.token);
        schemaCheck = config.jsonSchema && (await compileSchema(config.jsonSchema));
    }
    catch (error) {
        if (!(error instanceof ConfigError))
            throw error;
        return finish(invalidInput(error.message), { summary: summaryModeOf(source), comment: undefined });
    }
    // A signal that came while the action was loading (mostly synchronous work) is delivered here.
    await new Promise(resolve => setImmediate(resolve));
    if (cancel.aborted)
        return finish(cancelledBeforeAnyRequest(config.model), config);
    // The token count, the Messages attempts and the comment share one total-timeout.
    const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs;
    const limits = { signal: cancel, deadline };
    if (config.mockResponse !== undefined) {
        core/* info */.pq(MOCK_NOTICE);
        return finish(mockResult(config.model, config.mockResponse, schemaCheck), config, limits);
    }
    logConfig(config);
    const client = createClient(config);
    const request = buildRequest(config);
    const loop = { now: Date.now, sleep: sleep, random: Math.random, signal: cancel, deadline };
    let counted = {};
    if (config.maxInputTokens !== undefined) {
        const guard = await guardInputTokens(config.retry, config.maxInputTokens, {
            ...loop,
            attempt: context => countTokensOnce(client, request, context),
            onAttempt: attemptLogger('Counting input tokens: ', config.retry)
        });
        if (guard.counted.ok)
            core/* info */.pq(tokenCountLine(guard.counted.value, config.maxInputTokens));
        if (!guard.fits)
            return finish(tokenGuardResult(guard, config.model), config, limits);
        counted = { inputTokensCounted: guard.counted.value, countAttempts: guard.counted.attempts };
    }
    const models = new ModelChain([config.model, ...config.fallbackModels], config.fallbackAfter);
    const outcome = await retry(config.retry, {
        ...loop,
        attempt: async (context) => {
            const result = await sendOnce(client, { ...request, model: models.current }, config.stream, context);
            return schemaCheck ? withSchemaCheck(result, schemaCheck) : result;
        },
        switchModel: failure => models.afterFailure(failure),
        onAttempt: attemptLogger('', config.retry)
    });
    await finish({ ...stepResult(outcome, config.model, schemaCheck), ...counted }, config, limits);
}
/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(result, config, limits = {}) {
    await publish(result, config.summary, process.env);
    if (config.comment && result.text !== undefined)
        await postComment(result, config.comment, process.env, limits);
    conclude(result);
}


/***/ })

};
