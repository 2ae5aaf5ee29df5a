export const id = 175;
export const ids = [175];
export const modules = {

/***/ 66399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AO: () => (/* binding */ underAttemptSignal),
/* harmony export */   Dc: () => (/* binding */ attemptRequest),
/* harmony export */   E4: () => (/* binding */ sendOnce),
/* harmony export */   r0: () => (/* binding */ countTokensOnce)
/* harmony export */ });
/* harmony import */ var _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(25064);
/* harmony import */ var _sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39144);
/* harmony import */ var _message_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7629);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43105);
/* harmony import */ var _retry_sleep_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(10929);
/**
 * Sends one request (plain or streamed) with any provider's client (providers/ builds them, the
 * SDK's own retries off); sdk-failures.ts turns whatever it throws into an AttemptFailure.
 */





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
        ? { ...result, requestId: result.requestId === null ? null : (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactKeys */ .iY)(result.requestId) }
        : { ...result, failure: (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactFailure */ .O5)(result.failure) };
}
async function attemptUnredacted(model, context, send) {
    let streamStarted = false;
    return underAttemptSignal(context, model, async (signal) => {
        const { value, requestId, problem, headers } = await send(
        // The SDK's backstop is one setTimeout: capped at 2^31 − 1 ms (24.8 days, longer than any job
        // may run: 6 h hosted, 5 days self-hosted), or it would fire after 1 ms.
        { signal, timeout: Math.min(context.timeoutMs + SDK_TIMEOUT_MARGIN_MS, _retry_sleep_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_TIMER_MS */ ._o), maxRetries: 0 }, () => (streamStarted = true));
        if (problem)
            return { ok: false, model, failure: (0,_sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .invalidResponse */ .Ff)(problem, requestId) };
        return {
            ok: true,
            value,
            status: 200,
            requestId,
            model,
            ...(headers ? { headers: (0,_sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .headersToRecord */ .jD)(headers) } : {})
        };
    }, error => (0,_sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .failureFrom */ .Ju)(error, { streamStarted }));
}
/**
 * Runs one attempt's `work` under a signal that the step's cancel or the attempt's own timeout
 * aborts. Whatever it throws becomes the attempt's failure: cancelled, timed out, or
 * `translate(error)` (an SDK request's errors or a plain fetch's, as the caller reads them).
 */
async function underAttemptSignal(context, model, work, translate) {
    const timer = new AbortController();
    const clearTimer = (0,_retry_sleep_js__WEBPACK_IMPORTED_MODULE_2__/* .longTimeout */ .mD)(() => timer.abort(), context.timeoutMs);
    try {
        return await work(AbortSignal.any([context.signal, timer.signal]));
    }
    catch (error) {
        const failure = context.signal.aborted
            ? (0,_sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .cancelled */ .KW)()
            : timer.signal.aborted
                ? (0,_sdk_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .timedOut */ .iU)(context.timeoutMs)
                : translate(error);
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
            const { response } = messageStream;
            return {
                ...asMessage(message),
                requestId: requestIdOf(messageStream.request_id, response),
                headers: response?.headers
            };
        }
        const response = await client.messages.create(request, options).withResponse();
        return {
            ...asMessage(response.data),
            requestId: requestIdOf(response.request_id, response.response),
            headers: response.response.headers
        };
    });
}
/** The SDK reads `request-id`; Amazon Bedrock sends `x-amzn-requestid` instead (sdk-failures.ts reads it too). */
function requestIdOf(sdkId, response) {
    return sdkId ?? response?.headers.get('x-amzn-requestid') ?? null;
}
/** A 2xx body as a Message, its fields around the answer redacted; or why it is not one. */
function asMessage(body) {
    const check = (0,_message_js__WEBPACK_IMPORTED_MODULE_3__/* .checkMessage */ .g6)(body);
    return check.ok ? { value: (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactMessage */ .b6)(check.message) } : { value: body, problem: check.problem };
}
/** One attempt of the count-tokens endpoint, for the max-input-tokens guard. */
function countTokensOnce(client, request, context) {
    // The fields count_tokens takes that change the count: the same blocks, cache marks and thinking.
    const { model, messages, system, output_config, thinking } = request;
    const resource = client.messages;
    return attemptRequest(model, context, async (options) => {
        // Not reached on Bedrock (see MessagesClient): inputs/provider.ts refuses the inputs first.
        if (!resource.countTokens)
            throw new _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_4__/* .AnthropicError */ .pJ('this provider has no count-tokens endpoint');
        const response = await resource
            .countTokens({
            model,
            messages,
            ...(system !== undefined ? { system } : {}),
            ...(output_config ? { output_config } : {}),
            ...(thinking ? { thinking } : {})
        }, options)
            .withResponse();
        const count = response.data?.input_tokens;
        return {
            value: count,
            requestId: response.request_id ?? null,
            problem: Number.isInteger(count) ? undefined : 'the count_tokens body has no input_tokens'
        };
    });
}


/***/ }),

/***/ 46115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ googleErrorFields),
/* harmony export */   x: () => (/* binding */ GoogleLoginError)
/* harmony export */ });
/* harmony import */ var _util_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19683);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70017);
/**
 * Errors in Google's shape, as Vertex AI's front end sends them for what it refuses itself (quota,
 * IAM, an unknown model): {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED",
 * "details":[{"@type":"…ErrorInfo","reason":"…"}]}}, sometimes inside a one-element array
 * (streamRawPredict). The SDK reads only Anthropic's envelope (error.type), so for these it has
 * no type and no apiMessage: read them here. Errors from Claude behind Vertex (529
 * overloaded_error) keep Anthropic's envelope and are not touched.
 */


/** The fields of a body in Google's error shape; undefined for any other body. */
function googleErrorFields(body) {
    const outer = Array.isArray(body) && body.length === 1 ? body[0] : body;
    const error = (0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(outer) ? outer.error : undefined;
    if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(error) || typeof error.status !== 'string' || !/^[A-Z][A-Z_]*$/.test(error.status))
        return undefined;
    const reason = Array.isArray(error.details)
        ? error.details.map(detail => ((0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(detail) ? detail.reason : undefined)).find(r => typeof r === 'string')
        : undefined;
    return {
        status: error.status,
        message: typeof error.message === 'string' && error.message !== '' ? error.message : error.status,
        reason: reason ?? null
    };
}
/**
 * The Google login behind an attempt failed: no credentials were found, or google-auth-library
 * could not fetch or refresh the access token (runner OIDC, STS, IAM Credentials, the metadata
 * server). providers/vertex.ts throws it from the auth client; the SDK wraps it in an
 * APIConnectionError, where sdk-failures.ts finds it. `refused`: retrying cannot help (no
 * credentials; the token service answered 4xx: a wrong pool, audience or service account);
 * otherwise (5xx, no answer) the next attempt may pass.
 */
class GoogleLoginError extends Error {
    refused;
    name = 'GoogleLoginError';
    constructor(message, refused) {
        super(message);
        this.refused = refused;
    }
    /** What google-auth-library threw while fetching the token, with the status it got if any. */
    static from(cause) {
        const status = (0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(cause) && typeof cause.status === 'number' ? cause.status : undefined;
        const said = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorText */ .kc)(cause);
        return new GoogleLoginError(`the Google login failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${said}`, status !== undefined && status >= 400 && status < 500);
    }
}


/***/ }),

/***/ 7629:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G5: () => (/* binding */ mockMessage),
/* harmony export */   g6: () => (/* binding */ checkMessage),
/* harmony export */   x: () => (/* binding */ responseText)
/* harmony export */ });
/* harmony import */ var _util_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19683);

/** The Message fields the action reads, checked; unknown fields and block types pass through. */
function checkMessage(body) {
    const problem = messageProblem(body);
    return problem === undefined ? { ok: true, message: body } : { ok: false, problem };
}
function messageProblem(body) {
    if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(body))
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
    if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(block) || typeof block.type !== 'string')
        return `content block ${index} is not an object with a type`;
    if (block.type === 'text' && typeof block.text !== 'string')
        return `text block ${index} has no text`;
    return undefined;
}
/**
 * The API always reports usage; the SDK's own stream assembly fails without it, so one rule
 * for both modes: input and output tokens are required token counts, the cache counters are
 * token counts, null or absent. A count the outputs and the cost could not use is refused here.
 */
function usageProblem(usage) {
    if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(usage))
        return 'the message has no usage';
    for (const field of ['input_tokens', 'output_tokens']) {
        if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isTokenCount */ .X)(usage[field]))
            return `usage.${field} is not a token count`;
    }
    for (const field of ['cache_read_input_tokens', 'cache_creation_input_tokens']) {
        const value = usage[field];
        if (value !== undefined && value !== null && !(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isTokenCount */ .X)(value))
            return `usage.${field} is not a token count`;
    }
    return undefined;
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


/***/ }),

/***/ 43105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O5: () => (/* binding */ redactFailure),
/* harmony export */   b6: () => (/* binding */ redactMessage),
/* harmony export */   iY: () => (/* binding */ redactKeys)
/* harmony export */ });
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84537);

/**
 * Where a response becomes our data, its text is scrubbed (client.ts, auth/exchange.ts,
 * batch/batch-results.ts): every secret the run registered (util/secrets.ts) is replaced, and
 * in server text anything shaped like an Anthropic key as well (`sk-ant-<kind>-<base64url>`,
 * ours or another's, registered or not).
 */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g;
const REDACTED_KEY = 'sk-ant-[REDACTED]';
/** Server or failure text: the run's secrets, then key shapes. */
function redactKeys(text) {
    return _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .runSecrets */ .To.apply(secrets => {
        const scrubbed = (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubText */ .Ho)(text, secrets);
        let replaced = scrubbed.replaced;
        const value = scrubbed.value.replace(KEY_SHAPE, () => (replaced++, REDACTED_KEY));
        return { value, replaced };
    });
}
/** Every string in a JSON value, redacted as redactKeys does: for server data of any shape. */
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
/** A failure's server text (message, request-id, header values), redacted. */
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
 * A Message: its fields around the answer (model, id, stop_reason, unknown fields) redacted as
 * server text; its content, the model's answer, cleared of the run's secrets only (a key-shaped
 * string the model wrote is its answer), each text block as scrubAnswer reads it.
 */
function redactMessage(message) {
    return Object.fromEntries(Object.entries(message).map(([name, value]) => [
        name,
        name === 'content' ? redactContent(value) : redactDeep(value)
    ]));
}
function redactContent(content) {
    if (!Array.isArray(content))
        return _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .runSecrets */ .To.apply(secrets => (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubDeep */ .wE)(content, secrets));
    return content.map((block) => {
        const { type, text } = (block ?? {});
        if (type === 'text' && typeof text === 'string') {
            const rest = _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .runSecrets */ .To.apply(secrets => (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubDeep */ .wE)({ ...block, text: '' }, secrets));
            return { ...rest, text: _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .runSecrets */ .To.apply((secrets) => (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubAnswer */ .YY)(text, secrets)) };
        }
        return _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .runSecrets */ .To.apply(secrets => (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubDeep */ .wE)(block, secrets));
    });
}


/***/ }),

/***/ 1623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fc: () => (/* binding */ compileSchema),
/* harmony export */   I6: () => (/* binding */ withSchemaCheck),
/* harmony export */   ae: () => (/* binding */ checkStructured)
/* harmony export */ });
/* harmony import */ var _inputs_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44245);
/* harmony import */ var _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23760);
/* harmony import */ var _message_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7629);
/**
 * Structured output: the answer must be JSON that follows the user's schema. Ajv is loaded
 * only when a schema is given, so plain runs do not pay for it at start-up.
 */



/** Compiles the schema, or fails before any request with what is wrong with it. */
async function compileSchema(schema) {
    // Draft 2020-12, the draft the API documents; strict off so annotations such as
    // "description" or vendor keywords are accepted, while a malformed schema still fails.
    const ajvModule = await __webpack_require__.e(/* import() */ 210).then(__webpack_require__.t.bind(__webpack_require__, 52210, 23));
    // A CommonJS module: its class is the default export once bundled, a named one under jest.
    const Ajv2020 = ajvModule.default ?? ajvModule.Ajv2020;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    let validate;
    try {
        validate = ajv.compile(schema);
    }
    catch (error) {
        throw new _inputs_read_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Input '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.jsonSchema}' is not a valid JSON Schema: ${error.message}.`);
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
    const structured = checkStructured((0,_message_js__WEBPACK_IMPORTED_MODULE_2__/* .responseText */ .x)(result.value), check);
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


/***/ }),

/***/ 39144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ff: () => (/* binding */ invalidResponse),
/* harmony export */   Ju: () => (/* binding */ failureFrom),
/* harmony export */   KW: () => (/* binding */ cancelled),
/* harmony export */   iU: () => (/* binding */ timedOut),
/* harmony export */   jD: () => (/* binding */ headersToRecord),
/* harmony export */   pY: () => (/* binding */ noResponseFailure)
/* harmony export */ });
/* harmony import */ var _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25064);
/* harmony import */ var _google_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46115);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49997);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);
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
        message: `no complete response within ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(timeoutMs)}`,
        headers: {}
    };
}
/**
 * Translate what the SDK threw. Uses the SDK's error classes and fields, never the message
 * text. Key redaction follows in attemptRequest, with every other response.
 */
function failureFrom(error, { streamStarted }) {
    const base = { status: null, errorCode: null, requestId: null, headers: {} };
    if (error instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__/* .APIUserAbortError */ .cH)
        return cancelled();
    if (error instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__/* .APIConnectionTimeoutError */ .qA) {
        return { ...base, kind: 'timeout', errorType: 'timeout', message: error.message };
    }
    if ((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .causeNamed */ .TJ)(error, 'ProxyError') || (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .causeNamed */ .TJ)(error, 'RedirectRefusedError'))
        return noResponseFailure(error);
    if (error instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__/* .APIConnectionError */ .xX) {
        const login = error.cause;
        if (login instanceof _google_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GoogleLoginError */ .x) {
            return {
                ...base,
                kind: login.refused ? 'client' : 'connection',
                errorType: 'google_login_error',
                message: login.message
            };
        }
        return noResponseFailure(error);
    }
    if (isApiError(error)) {
        const headers = headersToRecord(error.headers);
        const cloud = cloudError(headers, error.error);
        const requestId = error.requestID ?? cloud.requestId;
        const message = error.apiMessage ?? cloud.message ?? withoutStatus(error.message, error.status);
        if (error.status === undefined) {
            // An `error` event in the middle of an SSE stream: the status line said 200.
            return { ...base, kind: 'stream-error', errorType: error.type ?? 'api_error', message, requestId, headers };
        }
        return {
            kind: 'http',
            status: error.status,
            errorType: error.type ?? cloud.errorType ?? `http_${error.status}`,
            errorCode: error.errorCode ?? cloud.errorCode,
            requestId,
            message,
            headers
        };
    }
    if ((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isNamed */ .ev)(error, 'BodyTooLargeError') ||
        (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isNamed */ .ev)(error?.cause, 'BodyTooLargeError')) {
        // A 2xx body past its bound (bounded-fetch.ts); an error status past it arrives as an APIError above.
        return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error) };
    }
    if (streamStarted && isEventShapeError(error)) {
        return {
            ...base,
            status: 200,
            kind: 'invalid-response',
            errorType: 'invalid_response',
            message: `the stream's events do not form a Message: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`
        };
    }
    if (streamStarted) {
        // MessageStream wraps a cut-off body (undici's "terminated") in a plain AnthropicError.
        return {
            ...base,
            kind: 'connection',
            errorType: 'connection_error',
            message: `the stream was cut off: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`
        };
    }
    // By name too: fetch's body parser may throw from another realm (as under jest's vm modules).
    if (error instanceof SyntaxError || error?.name === 'SyntaxError') {
        return {
            ...base,
            status: 200,
            kind: 'invalid-response',
            errorType: 'invalid_response',
            message: `the body is not valid JSON: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`
        };
    }
    if (error instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__/* .AnthropicError */ .pJ || (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error) === undefined) {
        return { ...base, kind: 'client', errorType: 'client_error', message: (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error) };
    }
    // A plain Error from fetch while reading a body (e.g. a reset after the headers).
    return { ...base, kind: 'connection', errorType: 'connection_error', message: (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error) };
}
/**
 * A request that got no response: a proxy that refused the CONNECT or could not be reached, an
 * untrusted certificate, or a connection failure with its system code (ECONNREFUSED, ENOTFOUND).
 * The SDK's requests (failureFrom) and the sign-in's own fetch calls (auth/failures.ts) are read
 * alike. `what` (the sign-in's) says which request failed.
 */
function noResponseFailure(error, what) {
    const base = { status: null, errorCode: null, requestId: null, headers: {} };
    const said = (text) => (what ? `${what}: ${text}` : text);
    const proxyError = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .causeNamed */ .TJ)(error, 'ProxyError');
    if (proxyError) {
        // A 4xx to the CONNECT (407: credentials, 403: the proxy's rules) will not change on retry;
        // an unreachable proxy, or its 5xx (it could not reach the API), is a connection failure.
        const message = said(proxyError.message);
        return proxyError.status !== undefined && proxyError.status < 500
            ? { ...base, kind: 'proxy', status: proxyError.status, errorType: 'proxy_error', message }
            : { ...base, kind: 'connection', errorType: 'proxy_connection_error', message };
    }
    const redirect = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .causeNamed */ .TJ)(error, 'RedirectRefusedError');
    if (redirect) {
        // A 3xx status: classified like any other that will not change on retry.
        return {
            ...base,
            kind: 'http',
            status: redirect.status,
            errorType: 'redirect_refused',
            message: said(redirect.message)
        };
    }
    const code = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .findCode */ .lh)(error);
    // Still retried (a server mid-rotation can heal), but labelled, so the hint can name NODE_EXTRA_CA_CERTS.
    const errorType = UNTRUSTED_CERTIFICATE.has(code ?? '') ? 'certificate_error' : 'connection_error';
    const text = code ? `${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)} (${code})` : (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error);
    return { ...base, kind: 'connection', errorType, message: said(text) };
}
/**
 * What a cloud's own error says when the body is not the API's envelope (the SDK then leaves
 * type, apiMessage and requestID empty). Amazon Bedrock: the type in `x-amzn-errortype`
 * ("ThrottlingException:http://internal.amazon.com/...") or the body's `__type`
 * ("com.amazon...#ThrottlingException"), the words in `message` (or `Message`), the id in
 * `x-amzn-requestid`. Google Vertex AI: Google's error shape (google-errors.ts), its
 * google.rpc.Code as the type (RESOURCE_EXHAUSTED) and its ErrorInfo reason as the code.
 */
function cloudError(headers, body) {
    const fields = (typeof body === 'object' && body !== null ? body : {});
    const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
    const awsType = text(headers['x-amzn-errortype']?.split(':')[0]) ?? text(text(fields.__type)?.split('#').pop());
    const google = (0,_google_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .googleErrorFields */ .F)(body);
    return {
        errorType: awsType ?? google?.status,
        errorCode: google?.reason ?? null,
        message: text(fields.message) ?? text(fields.Message) ?? google?.message,
        requestId: text(headers['x-amzn-requestid']) ?? null
    };
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
/** OpenSSL's codes for a certificate chain that does not end at a CA this process trusts. */
const UNTRUSTED_CERTIFICATE = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_UNTRUSTED'
]);
/**
 * The SDK's message for a body it could not read as an error envelope starts with the status
 * ("503 upstream connect error"), and the status is already shown on its own: "http_503: 503 …"
 * said it twice.
 */
function withoutStatus(message, status) {
    const prefix = `${status} `;
    const rest = status !== undefined && message.startsWith(prefix) ? message.slice(prefix.length) : message;
    return rest === 'status code (no body)' ? 'no body' : rest;
}
/** Response headers as data, names lower-cased (retry waits, rate-limit buckets, request ids). */
function headersToRecord(headers) {
    const record = {};
    headers?.forEach((value, name) => (record[name.toLowerCase()] = value));
    return record;
}
/** `instanceof APIError` types the error's generics as `any`; this guard keeps the SDK's own defaults. */
function isApiError(error) {
    return error instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_2__/* .APIError */ .LG;
}


/***/ }),

/***/ 10779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UK: () => (/* binding */ formatUsd),
/* harmony export */   k9: () => (/* binding */ readUsage),
/* harmony export */   zP: () => (/* binding */ priceUsage)
/* harmony export */ });
/* harmony import */ var _util_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19683);

/**
 * The table prices the standard tier at standard speed with global inference. US-only inference
 * (`inference_geo: "us"`), fast mode and the priority or batch tiers are priced otherwise: no estimate.
 */
const PRICED_AS_STANDARD = {
    service_tier: [undefined, null, 'standard'],
    speed: [undefined, null, 'standard'],
    inference_geo: [undefined, null, 'global']
};
/** The counts in `usage`, or why they cannot be priced. */
function readUsage(usage) {
    if (typeof usage !== 'object' || usage === null)
        return { ok: false, why: 'the response reported no usage' };
    const u = usage;
    for (const [field, standard] of Object.entries(PRICED_AS_STANDARD)) {
        if (!standard.includes(u[field])) {
            return { ok: false, why: `the response reports usage.${field} '${String(u[field])}', which has its own prices` };
        }
    }
    const optional = (value) => (value === undefined || value === null ? 0 : value);
    const creation = u.cache_creation;
    const fields = [
        ['input_tokens', u.input_tokens],
        ['output_tokens', u.output_tokens],
        ['cache_read_input_tokens', optional(u.cache_read_input_tokens)],
        ['cache_creation_input_tokens', optional(u.cache_creation_input_tokens)],
        ['cache_creation.ephemeral_1h_input_tokens', optional(creation?.ephemeral_1h_input_tokens)]
    ];
    for (const [name, value] of fields) {
        if (!(0,_util_record_js__WEBPACK_IMPORTED_MODULE_0__/* .isTokenCount */ .X)(value))
            return { ok: false, why: `usage.${name} is not a token count` };
    }
    const [input, output, cacheRead, cacheWrite, cacheWrite1h] = fields.map(([, value]) => value);
    return {
        ok: true,
        counts: { input, output, cacheRead, cacheWrite5m: Math.max(0, cacheWrite - cacheWrite1h), cacheWrite1h }
    };
}
/** The counts at `price`, in USD. */
function priceUsage(counts, price) {
    if (counts.cacheWrite1h > 0 && price.cache_write_1h === undefined) {
        return { ok: false, why: 'the response reports 1-hour cache writes and the price has no cache_write_1h' };
    }
    const perMillion = counts.input * price.input +
        counts.output * price.output +
        counts.cacheRead * price.cache_read +
        counts.cacheWrite5m * price.cache_write +
        counts.cacheWrite1h * (price.cache_write_1h ?? 0);
    return { ok: true, usd: perMillion / 1_000_000 };
}
/** Significant digits of the `cost-usd` output. */
const USD_SIGNIFICANT_DIGITS = 6;
/**
 * USD as a plain decimal string (no exponent) rounded to 6 significant digits, trailing zeros
 * dropped: 0.000141, 1.23457, 12345.7, 0. Six digits keep a single small request visible
 * (a few tokens cost millionths of a dollar) without float noise (0.00014100000000000002).
 */
function formatUsd(usd) {
    if (!Number.isFinite(usd) || usd < 0)
        throw new RangeError(`not a cost: ${usd}`);
    if (usd === 0)
        return '0';
    const rounded = Number(usd.toPrecision(USD_SIGNIFICANT_DIGITS));
    const decimals = Math.max(0, USD_SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(rounded)));
    const text = rounded.toFixed(Math.min(decimals, 100));
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}


/***/ }),

/***/ 8276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F6: () => (/* binding */ CostMeter),
/* harmony export */   UK: () => (/* reexport safe */ _estimate_js__WEBPACK_IMPORTED_MODULE_0__.UK)
/* harmony export */ });
/* unused harmony export worstInputRate */
/* harmony import */ var _estimate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10779);
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51295);
/**
 * cost/: pure. The price table with its sources (prices.ts), one response's cost from its usage
 * (estimate.ts), and this meter: the estimate summed over the attempts of one step, and the
 * max-cost-usd guard's arithmetic before each attempt. It returns data; report/ words it.
 */



/**
 * The highest rate the request's input tokens can be billed at: a cache write when any block (or
 * the request) carries `cache_control`, the 1-hour one when its ttl is `1h`; else plain input.
 */
function worstInputRate(request) {
    let rate = 'input';
    const visit = (value, depth) => {
        if (depth > 8 || typeof value !== 'object' || value === null)
            return;
        for (const [key, child] of Object.entries(value)) {
            if (key === 'cache_control' && typeof child === 'object' && child !== null) {
                if (child.ttl === '1h')
                    rate = 'cache_write_1h';
                else if (rate === 'input')
                    rate = 'cache_write';
            }
            else {
                visit(child, depth + 1);
            }
        }
    };
    visit(request, 0);
    return rate;
}
/** The dearest of the rates that may apply to input tokens; undefined when the 1-hour write has no price. */
function inputPrice(price, rate) {
    if (rate === 'input')
        return price.input;
    const write = rate === 'cache_write' ? price.cache_write : price.cache_write_1h;
    return write === undefined ? undefined : Math.max(price.input, price.cache_write, write);
}
/**
 * Sums the estimate over attempts and guards the next one. `record` is told of every attempt's
 * model and the usage its response reported (none for a failure with no response body); a
 * retried attempt that reported usage costs again.
 */
class CostMeter {
    config;
    request;
    inputTokens;
    spentUsd = 0;
    priced = 0;
    problem;
    constructor(config, request, 
    /** From count-tokens, when max-cost-usd (or max-input-tokens) asked for a count. */
    inputTokens) {
        this.config = config;
        this.request = request;
        this.inputTokens = inputTokens;
    }
    record(model, usage) {
        const price = (0,_prices_js__WEBPACK_IMPORTED_MODULE_1__/* .priceOf */ .xx)(model, this.config.book);
        if (!price) {
            this.problem ??= `no price is known for model '${model}'`;
            return;
        }
        if (usage === undefined)
            return;
        const reading = (0,_estimate_js__WEBPACK_IMPORTED_MODULE_0__/* .readUsage */ .k9)(usage);
        const priced = reading.ok ? (0,_estimate_js__WEBPACK_IMPORTED_MODULE_0__/* .priceUsage */ .zP)(reading.counts, price.price) : reading;
        if (!priced.ok) {
            this.problem ??= priced.why;
            return;
        }
        this.spentUsd += priced.usd;
        this.priced += 1;
    }
    /**
     * Records one attempt's result and hands it back: its model, and the usage of a response that
     * came whole (also one that fails the schema check later: it was billed). A failure carries no
     * usage we can read, so it adds nothing.
     */
    recorded(result) {
        this.record(result.model, result.ok ? result.value.usage : undefined);
        return result;
    }
    estimate() {
        return this.problem === undefined
            ? { usd: this.spentUsd, attemptsPriced: this.priced }
            : { usd: undefined, why: this.problem };
    }
    /**
     * Before attempt `attempt` on `model`: the estimate so far plus the next attempt's worst case
     * (the counted input tokens at the dearest input rate, plus max_tokens at the output price)
     * must not pass max-cost-usd. Returns the figures when it would; undefined when it may go.
     */
    check(attempt, model) {
        const limitUsd = this.config.maxUsd;
        if (limitUsd === undefined)
            return undefined;
        const price = (0,_prices_js__WEBPACK_IMPORTED_MODULE_1__/* .priceOf */ .xx)(model, this.config.book)?.price;
        // inputs/ refuses max-cost-usd for a model without a price; the count is made before the loop.
        if (!price || this.inputTokens === undefined)
            throw new Error(`max-cost-usd has no price or count for ${model}`);
        const maxTokens = this.request.max_tokens;
        const perInputToken = inputPrice(price, worstInputRate(this.request));
        const nextWorstUsd = (this.inputTokens * (perInputToken ?? 0) + maxTokens * price.output) / 1_000_000;
        const spentUsd = this.spentUsd;
        const unbounded = this.problem !== undefined
            ? `the cost so far cannot be estimated (${this.problem})`
            : perInputToken === undefined
                ? `the request writes to the 1-hour cache and the price of ${model} has no cache_write_1h`
                : undefined;
        // Float sums of exact decimal prices: allow rounding noise, so a sum equal to the limit passes.
        if (unbounded === undefined && spentUsd + nextWorstUsd <= limitUsd * (1 + 1e-9))
            return undefined;
        const figures = { attempt, model, spentUsd, nextWorstUsd, limitUsd, inputTokens: this.inputTokens, maxTokens };
        // When the cost cannot be bounded, the limit cannot be kept: stop rather than hope.
        return unbounded === undefined ? figures : { ...figures, unbounded };
    }
}


/***/ }),

/***/ 51295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IW: () => (/* binding */ PRICE_FIELDS),
/* harmony export */   xx: () => (/* binding */ priceOf)
/* harmony export */ });
/* unused harmony export PRICE_TABLE */
/**
 * The price table: USD per million tokens for the models whose published prices we could read
 * and cite. Every entry names the page it was read from and the day it was read (a unit test
 * holds this). A model that is not here, or not in the `prices` input, gets no estimate: never a
 * guessed number.
 *
 * Matching: a model name matches an entry when it is one of the entry's documented ids or
 * aliases, or one of them followed by a dated snapshot suffix `-YYYYMMDD`
 * (`claude-opus-4-5-20251101` matches `claude-opus-4-5`). No looser prefix: `claude-sonnet-5`
 * must not price `claude-sonnet-5-5`, a different model.
 */
const PRICE_FIELDS = ['input', 'output', 'cache_read', 'cache_write', 'cache_write_1h'];
const PRICING_PAGE = 'https://platform.claude.com/docs/en/about-claude/pricing';
const READ = '2026-11-29';
/**
 * Read from Anthropic's pricing page ("Model pricing": base input, 5m and 1h cache writes, cache
 * hits, output) and the models' overview pages ("Pricing"). Left out on purpose:
 * - Claude Fable 5.1 / Mythos 5.1: their cache-hit price carries a footnote we could not read.
 * - Claude Haiku 5.5: priced by prompt length (more above 100,000 prompt tokens), and its cache
 *   prices for both bands were not all on the copy we read. A Price holds one band, so it stays
 *   out until the table can carry both (and the meter knows each request's prompt length).
 * - Models whose rows we did not read whole (Sonnet 4.x, Haiku 4.5, Fable 5.2, ...).
 * Looked again on 2026-12-04 for the Haiku rows: the official pages we could read gave Haiku 4.5
 * only "$1 / MTok" input and "$5 / MTok" output (models/haiku-4-5/overview) and Haiku 5.5 only
 * "From $0.10 / MTok" and "From $0.50 / MTok" (models/haiku-5-5/overview); the pricing page's
 * copy was cut before its Haiku rows. No cache prices cited, so no entry: never a guess.
 * Give any of them in the `prices` input (README, Cost).
 */
const PRICE_TABLE = [
    {
        models: ['claude-fable-5', 'claude-mythos-5'],
        price: { input: 10, output: 50, cache_read: 1, cache_write: 12.5, cache_write_1h: 20 },
        source: PRICING_PAGE,
        read: READ
    },
    {
        models: ['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5'],
        price: { input: 5, output: 25, cache_read: 0.5, cache_write: 6.25, cache_write_1h: 10 },
        source: PRICING_PAGE,
        read: READ
    },
    {
        models: ['claude-opus-5-5'],
        price: { input: 4, output: 20, cache_read: 0.2, cache_write: 5, cache_write_1h: 8 },
        source: 'https://platform.claude.com/docs/zh-CN/models/opus-5-5/overview',
        read: READ
    },
    {
        models: ['claude-sonnet-5'],
        price: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, cache_write_1h: 4 },
        source: 'https://platform.claude.com/docs/zh-CN/models/sonnet-5/overview',
        read: READ
    },
    {
        models: ['claude-sonnet-5-5'],
        price: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, cache_write_1h: 4 },
        source: 'https://platform.claude.com/docs/zh-CN/models/sonnet-5-5/overview',
        read: READ,
        note: 'Third-party changelogs report a cut of the cache-read price to $0.10 on 2026-10-07; the copy of the ' +
            'official page we read still said $0.20, so cache reads may be over-estimated (never under).'
    }
];
/** A dated snapshot of an alias: `<alias>-YYYYMMDD`. */
const DATED = /^(.+)-(\d{8})$/;
/** The documented id or alias `model` stands for: itself, or without a dated snapshot suffix. */
function candidates(model) {
    const dated = DATED.exec(model);
    return dated ? [model, dated[1]] : [model];
}
/** The price of `model`, from the `prices` input if it names it, else from the table; undefined when neither does. */
function priceOf(model, book) {
    for (const name of candidates(model)) {
        const override = Object.hasOwn(book.overrides, name) ? book.overrides[name] : undefined;
        if (override)
            return { price: override, from: 'input' };
    }
    for (const name of candidates(model)) {
        const entry = PRICE_TABLE.find(e => e.models.includes(name));
        if (entry)
            return { price: entry.price, from: entry };
    }
    return undefined;
}


/***/ }),

/***/ 8584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ML: () => (/* binding */ isUnderDir),
/* harmony export */   OH: () => (/* binding */ createOutputFile),
/* harmony export */   S3: () => (/* binding */ inputFileRoots),
/* harmony export */   TH: () => (/* binding */ InputFileError),
/* harmony export */   aN: () => (/* binding */ readInputBytes),
/* harmony export */   jH: () => (/* binding */ readInputFile)
/* harmony export */ });
/* unused harmony export MAX_INPUT_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
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
function readInputFile(input, given, roots, maxBytes = MAX_INPUT_FILE_BYTES) {
    return withoutBom(readInputBytes(input, given, roots, maxBytes).toString('utf8'));
}
/**
 * A leading byte order mark is dropped: every text input (prompts file, .prompt.yml, schema, prompt
 * and system files) is UTF-8, where a BOM only says "saved by an editor that adds one" and is never
 * meant as content; kept, it breaks JSON.parse invisibly. Attachments (readInputBytes) keep their bytes.
 */
function withoutBom(text) {
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
/**
 * readInputFile's rule, returning the bytes as read (attachments: images and PDFs are not text).
 * `hideOutside`: a refusal does not name a real path outside the allowed directories (a glob's
 * match, whose link target the workflow's author never wrote).
 */
function readInputBytes(input, given, roots, maxBytes = MAX_INPUT_FILE_BYTES, { hideOutside = false } = {}) {
    const allowedReal = roots.allowed.map(root => ({ ...root, real: realOrResolved(root.dir) }));
    const accepted = `a regular file of at most ${maxBytes / 1024 / 1024} MiB under ` +
        allowedReal.map(root => `${root.name} (${root.real})`).join(' or ') +
        `; relative paths start at ${roots.base}, and symbolic links may point only inside those directories`;
    const refuse = (problem) => new InputFileError(`Input '${input}' has invalid value '${given}': ${problem}. Expected ${accepted}.`);
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(roots.base, given);
    let real;
    try {
        real = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(resolved);
    }
    catch (error) {
        // The long-standing message for a missing file; callers and tests match its start.
        throw new InputFileError(`Input '${input}' has invalid value '${given}'. Expected a readable file (relative paths start at ${roots.base}); reading ${resolved} failed: ${codeOf(error)}.`);
    }
    if (!allowedReal.some(root => isInside(root.real, real))) {
        throw refuse(`it resolves to ${hideOutside ? 'a path' : real}, which is outside the allowed directories`);
    }
    let fd;
    try {
        // O_NOFOLLOW: the last component was resolved above; a symlink swapped in since is refused.
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(real, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0));
    }
    catch (error) {
        throw refuse(`opening ${real} failed: ${codeOf(error)}`);
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile())
            throw refuse(`it resolves to ${real}, which is ${kindOf(stats)}, not a regular file`);
        if (stats.size > maxBytes) {
            const why = maxBytes === MAX_INPUT_FILE_BYTES ? 'more than the API accepts in one request' : 'more than the limit';
            throw refuse(`it resolves to ${real}, which holds ${stats.size} bytes, ${why}`);
        }
        return readBounded(fd, maxBytes, () => refuse(`${real} grew past ${maxBytes} bytes while it was read`));
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function readBounded(fd, limit, tooLarge) {
    const chunks = [];
    let total = 0;
    for (;;) {
        const chunk = Buffer.allocUnsafe(64 * 1024);
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, chunk, 0, chunk.length, null);
        if (read === 0)
            break;
        total += read;
        if (total > limit)
            throw tooLarge();
        chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
}
/**
 * `file` lies under the folder `dir` (undefined: no such folder), both compared by their real
 * paths where they exist, with the platform's separator (path.relative, not a '/' prefix test).
 */
function isUnderDir(dir, file) {
    return dir !== undefined && dir !== '' && isInside(realOrResolved(dir), realOrResolved(file));
}
/** `child` lies strictly inside `dir` (both real, absolute paths). */
function isInside(dir, child) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(dir, child);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)}`) && !node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(relative);
}
/** A root is compared by its real path (on macOS /var is /private/var); one that is missing still counts as itself. */
function realOrResolved(dir) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(dir);
    }
    catch {
        return node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(dir);
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
    const directory = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'ask-claude-'));
    // mkdtemp makes it 0700; later steps may run as another user (a container action), as before.
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(directory, 0o755);
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(directory, name);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, text, { flag: 'wx' });
    return file;
}


/***/ }),

/***/ 75872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BS: () => (/* binding */ plainHttpWarning),
/* harmony export */   v0: () => (/* binding */ baseUrlInput),
/* harmony export */   y0: () => (/* binding */ hideUrlCredentials)
/* harmony export */ });
/* harmony import */ var _input_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23760);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44245);
/** The API base URL: checked before any request, its credentials never shown, and a warning for clear text. */


/**
 * base-url, else ANTHROPIC_BASE_URL when `fromEnv` (the Claude API's variable: a cloud provider's
 * credentials never go to it). Checked here so a bad URL fails before any request: fetch
 * refuses a URL with credentials, which would otherwise surface as a retried "Connection error."
 * on every attempt. The value is shown with any user:password@ part hidden.
 */
function baseUrlInput(source, { fromEnv }) {
    const fromInput = source.getInput(_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.baseUrl).trim();
    const raw = fromInput || (fromEnv ? source.env.ANTHROPIC_BASE_URL?.trim() : '') || '';
    if (raw === '')
        return undefined;
    const name = fromInput
        ? `Input '${_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.baseUrl}'`
        : `ANTHROPIC_BASE_URL (used because '${_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.baseUrl}' is empty)`;
    const shown = hideUrlCredentials(raw);
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${name} has invalid value '${shown}'. Expected an http:// or https:// URL.`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${name} has invalid value '${shown}': it holds a user name or password, which the HTTP client refuses to send. ` +
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


/***/ }),

/***/ 57364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ federationInput),
/* harmony export */   S: () => (/* binding */ ID_TOKEN_PERMISSION_HINT)
/* harmony export */ });
/* harmony import */ var _base_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75872);
/* harmony import */ var _headers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6427);
/* harmony import */ var _input_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23760);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44245);
/**
 * Keyless login (OIDC workload identity federation): its inputs, read and checked before any
 * request. auth/ does the sign-in itself; this module only says whether it is on and with what.
 */




/** Every input of keyless login: any of them given turns the checks on. */
const FEDERATION_INPUTS = [
    _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId,
    _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.organizationId,
    _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.serviceAccountId,
    _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.workspaceId,
    _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.oidcAudience
];
/** Ids as the Console shows them (fdrl_…, svac_…, UUIDs): letters, digits and `_ . : -`. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$/;
/** An audience is a URI or a plain name: printable ASCII without spaces. */
const AUDIENCE = /^[\x21-\x7e]{1,512}$/;
const ID_TOKEN_PERMISSION_HINT = "Add 'permissions: id-token: write' to the job (or the workflow), so the runner hands out GitHub's OIDC identity token";
function idInput(source, name) {
    const raw = source.getInput(name).trim();
    if (raw === '')
        return undefined;
    if (!ID.test(raw))
        throw (0,_read_js__WEBPACK_IMPORTED_MODULE_3__/* .invalid */ .Gq)(name, raw, 'an id from the Claude Console: letters, digits, _ . : - and no spaces');
    return raw;
}
/**
 * Federation is on when `federation-rule-id` is given; `organization-id` is then required, and
 * the job must have the id-token permission (unless `mock` stands in for the API: no request).
 * With federation on, an API key given as well is ignored (and a warning says so).
 */
function federationInput(source, options) {
    const { apiKey, baseUrl, mock, provider = 'anthropic', headers = {} } = options;
    const given = FEDERATION_INPUTS.filter(name => source.getInput(name).trim() !== '');
    if (given.length === 0)
        return undefined;
    // The exchange is the Claude API's: with a cloud provider, base-url is the cloud's endpoint
    // and GitHub's identity token must not go there.
    if (provider !== 'anthropic') {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Input '${given[0]}' is set, but '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.provider}' is '${provider}': keyless login (OIDC) signs in to the ` +
            `Claude API only, and provider '${provider}' logs in with its own credentials. Leave the federation inputs ` +
            `(${FEDERATION_INPUTS.join(', ')}) empty with '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.provider}: ${provider}', or use '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.provider}: anthropic'.`);
    }
    const ruleId = idInput(source, _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId);
    const organizationId = idInput(source, _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.organizationId);
    const serviceAccountId = idInput(source, _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.serviceAccountId);
    const workspaceId = idInput(source, _input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.workspaceId);
    const audience = source.getInput(_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.oidcAudience).trim() || undefined;
    if (ruleId === undefined) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Input '${given[0]}' is set but '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId}' is empty. Keyless login (OIDC) needs ` +
            `'${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId}' and '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.organizationId}'; without them, leave the other federation inputs empty.`);
    }
    // The minted token goes out as Authorization; a header credential would replace it (Authorization)
    // or have the client drop it (x-api-key, see providers/anthropic.ts sdkHeaders).
    const credential = (0,_headers_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialHeader */ .N4)(headers);
    if (credential !== undefined) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Input '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.headers}' carries a credential (${credential}) and '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId}' is set: ` +
            `keyless login sends its access token as Authorization, so there would be two credentials. Give a gateway's own ` +
            `credential under another header name (e.g. cf-aig-authorization), or leave the federation inputs empty.`);
    }
    if (organizationId === undefined) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Input '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.organizationId}' is required with '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId}': give your Anthropic organization id ` +
            `(Claude Console, Settings > Organization).`);
    }
    if (audience !== undefined && !AUDIENCE.test(audience)) {
        throw (0,_read_js__WEBPACK_IMPORTED_MODULE_3__/* .invalid */ .Gq)(_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.oidcAudience, audience, 'an audience without spaces, e.g. https://api.anthropic.com, or empty');
    }
    if ((0,_base_url_js__WEBPACK_IMPORTED_MODULE_0__/* .plainHttpWarning */ .BS)(baseUrl) !== undefined) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Keyless login (OIDC) refuses a plain http:// API base URL to a host other than this machine ('${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.baseUrl}' or ` +
            `ANTHROPIC_BASE_URL): the identity token and the access token would travel in clear text. Use https://.`);
    }
    const url = source.env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? '';
    const token = source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? '';
    if (!mock && (url === '' || token === '')) {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`Input '${_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.federationRuleId}' is set, but the runner gave this step no OIDC token endpoint ` +
            `(${url === '' ? 'ACTIONS_ID_TOKEN_REQUEST_URL' : 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'} is not set). ${ID_TOKEN_PERMISSION_HINT}.`);
    }
    return {
        ruleId,
        organizationId,
        serviceAccountId,
        workspaceId,
        audience,
        idTokenRequest: { url, token },
        keyIgnored: apiKey !== ''
    };
}


/***/ }),

/***/ 6427:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lw: () => (/* binding */ credentialHeaderValues),
/* harmony export */   N4: () => (/* binding */ credentialHeader),
/* harmony export */   vV: () => (/* binding */ carriesCredential),
/* harmony export */   zE: () => (/* binding */ headersInput)
/* harmony export */ });
/* unused harmony export isCredentialHeader */
/* harmony import */ var _input_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23760);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44245);
/**
 * The `headers` input: extra request headers for an LLM gateway (LiteLLM, Portkey, Cloudflare AI
 * Gateway, an in-house proxy), one `Name: value` per line. No value is ever shown: an error names
 * the line and the header's name only.
 */


/** RFC 9110 §5.6.2: a field name is a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Set by the HTTP client itself (body framing, connection handling): a value here would break the request. */
const MANAGED = new Set([
    'host',
    'content-length',
    'transfer-encoding',
    'connection',
    'keep-alive',
    'upgrade',
    'expect',
    'te',
    'trailer',
    'proxy-authorization'
]);
/** Names whose values are credentials: masked in the log (not others: masking `42` blanks every 42). */
function isCredentialHeader(name) {
    return /key|token|secret|auth/i.test(name);
}
/** The header (as given) that replaces the Anthropic key: with one, no key is needed and none is sent. */
function credentialHeader(headers) {
    return Object.keys(headers).find(name => ['authorization', 'x-api-key'].includes(name.toLowerCase()));
}
function carriesCredential(headers) {
    return credentialHeader(headers) !== undefined;
}
/** The lines, numbered from 1, without a CRLF's CR; blank lines left out. */
function lines(text) {
    return text
        .split('\n')
        .map((line, index) => ({ number: index + 1, line: line.replace(/\r$/, '') }))
        .filter(({ line }) => line.trim() !== '');
}
/**
 * The values to register as secrets, read leniently so that main can mask them before anything
 * is parsed or printed: any line with a colon whose name looks like a credential. For a value
 * like `Bearer <token>` the token is masked on its own too, since a server may echo it alone.
 */
function credentialHeaderValues(source) {
    return lines(source.getInput(_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.headers)).flatMap(({ line }) => {
        const colon = line.indexOf(':');
        const value = line.slice(colon + 1).trim();
        if (colon <= 0 || !isCredentialHeader(line.slice(0, colon).trim()) || value === '')
            return [];
        const scheme = /^[A-Za-z][A-Za-z0-9-]*\s+(\S+)$/.exec(value);
        return scheme?.[1] ? [value, scheme[1]] : [value];
    });
}
const ACCEPTED = "one 'Name: value' per line, the name an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~), the value not empty, in Latin-1 and without control characters";
function headersInput(source) {
    const headers = {};
    const seen = new Map();
    for (const { number, line } of lines(source.getInput(_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.headers))) {
        const where = `Input '${_input_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0.headers}' line ${number}`;
        const colon = line.indexOf(':');
        // Without a colon the line may be a bare secret: it is not quoted at all.
        if (colon === -1)
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} has no ':' (the line is not shown). Expected ${ACCEPTED}.`);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        const shown = `'${name.slice(0, 64)}: <value hidden>'`;
        if (!TOKEN.test(name))
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown} has an invalid header name. Expected ${ACCEPTED}.`);
        if (MANAGED.has(name.toLowerCase())) {
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown}: the HTTP client sets ${name} itself. Expected any other header name.`);
        }
        if (/[\0\r\n]/.test(value)) {
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown}: the value holds a CR, LF or NUL character. Expected ${ACCEPTED}.`);
        }
        // fetch sends header values as bytes 0-255: any other character failed every attempt as a retried connection error.
        if ([...value].some(char => (char.codePointAt(0) ?? 0) > 0xff)) {
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown}: the value holds a character outside Latin-1 (ISO-8859-1), which HTTP headers cannot carry. Expected ${ACCEPTED}.`);
        }
        if (value === '') {
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown}: the value is empty (is the secret it comes from set?). Expected ${ACCEPTED}.`);
        }
        const earlier = seen.get(name.toLowerCase());
        if (earlier !== undefined) {
            throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where} ${shown} repeats the header of line ${earlier}. Expected each name once.`);
        }
        seen.set(name.toLowerCase(), number);
        headers[name] = value;
    }
    return headers;
}


/***/ }),

/***/ 23760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DW: () => (/* binding */ COMMENT_TARGETS),
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   Hw: () => (/* binding */ Defaults),
/* harmony export */   Vs: () => (/* binding */ MANY_MODES),
/* harmony export */   gq: () => (/* reexport safe */ _request_build_js__WEBPACK_IMPORTED_MODULE_0__.gq),
/* harmony export */   mK: () => (/* binding */ SUMMARY_MODES),
/* harmony export */   xq: () => (/* binding */ PROVIDERS)
/* harmony export */ });
/* unused harmony export DEFAULT_MODEL */
/* harmony import */ var _request_build_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38817);
/**
 * Every input name in one place (the output names are in report/output-names.ts). A test holds
 * these against action.yml, so a rename in one without the other fails CI instead of silently
 * reading ''.
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
    federationRuleId: 'federation-rule-id',
    organizationId: 'organization-id',
    serviceAccountId: 'service-account-id',
    workspaceId: 'workspace-id',
    oidcAudience: 'oidc-audience',
    baseUrl: 'base-url',
    headers: 'headers',
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
    prices: 'prices',
    maxCostUsd: 'max-cost-usd',
    commentOn: 'comment-on',
    githubToken: 'github-token',
    files: 'files',
    maxFiles: 'max-files',
    filesOptional: 'files-optional',
    thinking: 'thinking',
    effort: 'effort',
    stopSequences: 'stop-sequences',
    serviceTier: 'service-tier',
    metadataUserId: 'metadata-user-id',
    cache: 'cache',
    vars: 'vars',
    promptYml: 'prompt-yml',
    messages: 'messages',
    provider: 'provider',
    awsRegion: 'aws-region',
    foundryResource: 'foundry-resource',
    vertexProjectId: 'vertex-project-id',
    vertexRegion: 'vertex-region',
    vertexAccessToken: 'vertex-access-token',
    promptsFile: 'prompts-file',
    resultsFile: 'results-file',
    resume: 'resume',
    concurrency: 'concurrency',
    mode: 'mode',
    batchWait: 'batch-wait',
    batchIds: 'batch-ids',
    shard: 'shard'
};
/** The newest Sonnet alias in the SDK's `Model` type (1.14); never a deprecated one, which warns on every call. */
const DEFAULT_MODEL = 'claude-sonnet-5-5';

const SUMMARY_MODES = ['full', 'metadata', 'off'];
/** Where the request goes: Anthropic's API, or Claude on a cloud (src/providers/). */
const PROVIDERS = ['anthropic', 'bedrock', 'vertex', 'foundry'];
/** How a prompts-file runs: workers against the Messages API, Message Batches, or chosen by size. */
const MANY_MODES = ['auto', 'direct', 'batch'];
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
    commentOn: 'none',
    maxFiles: 100,
    filesOptional: false,
    thinking: 'off',
    cache: 'none',
    provider: 'anthropic',
    concurrency: 4,
    mode: 'auto',
    /** With mode auto: Message Batches from this many items (after shard), direct below. */
    batchThreshold: 100,
    batchWait: true,
    resume: false
};


/***/ }),

/***/ 26659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ proxyCredentials),
/* harmony export */   Y: () => (/* binding */ proxySettingsFrom)
/* harmony export */ });
/* harmony import */ var _base_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75872);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44245);
/**
 * The proxy variables, read and checked before any request (network/ builds the fetch from them).
 * The rules are those of @actions/http-client, which carries the comment (Octokit) requests, so one
 * environment means one behaviour for every request the action makes:
 * - an https:// URL goes through https_proxy, else HTTPS_PROXY; an http:// URL through http_proxy,
 *   else HTTP_PROXY (lower case first; an empty variable counts as unset). An https:// request does
 *   not fall back to HTTP_PROXY (curl and Go do not either).
 * - no_proxy, else NO_PROXY: a comma (or space) separated list of `*`, `host`, `.suffix` or
 *   `host:port`, without regard to case. `example.com` also covers its subdomains.
 * - this machine (localhost, 127.0.0.0/8, [::1]) is never proxied: no proxy can reach it.
 * network/route.ts applies the last two.
 */


/** The first of `names` that is set and not blank, with its value. */
function firstSet(env, names) {
    for (const name of names) {
        const value = env[name]?.trim();
        if (value)
            return { name, value };
    }
    return undefined;
}
/**
 * The proxies the environment names; undefined when it names none (then nothing changes). An
 * unusable proxy URL is a ConfigError that names the variable and shows the value without its
 * password, before any request.
 */
function proxySettingsFrom(env) {
    const https = proxyFrom(env, ['https_proxy', 'HTTPS_PROXY']);
    const http = proxyFrom(env, ['http_proxy', 'HTTP_PROXY']);
    if (!https && !http)
        return undefined;
    const noProxy = (firstSet(env, ['no_proxy', 'NO_PROXY'])?.value ?? '')
        .split(/[,\s]+/)
        .map(entry => entry.trim().toLowerCase())
        .filter(Boolean);
    return { https, http, noProxy };
}
function proxyFrom(env, names) {
    const found = firstSet(env, names);
    if (!found)
        return undefined;
    // `proxy.corp:3128` is common: without a scheme, http:// is meant (as @actions/http-client reads it).
    const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`Environment variable ${found.name} has invalid value '${(0,_base_url_js__WEBPACK_IMPORTED_MODULE_0__/* .hideUrlCredentials */ .y0)(found.value)}'. ` +
            `Expected a proxy URL such as http://proxy.example.com:3128, or http://user:password@proxy.example.com:3128.`);
    }
    try {
        // Sent decoded in Proxy-Authorization: a stray '%' would otherwise fail every request.
        decodeURIComponent(url.username + url.password);
    }
    catch {
        throw new _read_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`Environment variable ${found.name} has a user or password that is not valid percent-encoding ('${(0,_base_url_js__WEBPACK_IMPORTED_MODULE_0__/* .hideUrlCredentials */ .y0)(found.value)}'). ` +
            `Write '%' as %25, '@' as %40 and ':' as %3A.`);
    }
    return { url, variable: found.name };
}
/**
 * The secrets in the proxy variables, read leniently (before they are checked) so that main can
 * register them first: each password as written (URL-encoded) and decoded, and the
 * Proxy-Authorization token built from user and password, which a proxy's error page may echo.
 */
function proxyCredentials(env) {
    return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap(name => {
        const value = env[name]?.trim();
        if (!value)
            return [];
        let url;
        try {
            url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
        }
        catch {
            return [];
        }
        if (url.password === '')
            return [];
        const decode = (text) => {
            try {
                return decodeURIComponent(text);
            }
            catch {
                return text;
            }
        };
        const basic = Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64');
        return [url.password, decode(url.password), basic];
    });
}


/***/ }),

/***/ 44245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ integerInput),
/* harmony export */   $H: () => (/* binding */ optionalInteger),
/* harmony export */   G8: () => (/* binding */ toMs),
/* harmony export */   Gq: () => (/* binding */ invalid),
/* harmony export */   SC: () => (/* binding */ DECIMAL),
/* harmony export */   TZ: () => (/* binding */ refuseTemperature),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   ij: () => (/* binding */ choiceInput),
/* harmony export */   oA: () => (/* binding */ secondsInput),
/* harmony export */   r5: () => (/* binding */ textOrFile),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   u9: () => (/* binding */ modelList),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49997);
/* harmony import */ var _request_input_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86426);
/* harmony import */ var _files_file_rule_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8584);
/**
 * Reading one input: where inputs come from, the error that names the input, its value and what
 * is accepted, and the readers for each kind of value (integers, seconds, choices, lists).
 */



/**
 * One or more input problems. Most are thrown with one; inputs/problems.ts gathers them so a run
 * reports every problem at once.
 */
class ConfigError extends Error {
    name = 'ConfigError';
    problems;
    constructor(problems, empty) {
        const list = typeof problems === 'string' ? [{ text: problems, ...(empty && { empty }) }] : problems;
        super(list.map(p => p.text).join('\n'));
        this.problems = list;
    }
}
/** The value is quoted as far as a reader needs it: a 1 MB input must not make a 1 MB error line. */
function invalid(input, value, expected) {
    return new ConfigError(`Input '${input}' has invalid value '${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(value, 200)}'. Expected ${expected}.`);
}
const INTEGER = /^\d+$/;
/** A plain decimal as the inputs accept it: digits, with an optional fraction (no sign, no exponent). */
const DECIMAL = /^\d+(\.\d+)?$/;
/** Text from `name` or the file named by `fileName` (read by the file-input rule); at most one of the two. */
function textOrFile(source, name, fileName) {
    const text = source.getInput(name);
    const file = source.getInput(fileName).trim();
    if (text.trim() !== '' && file !== '') {
        throw new ConfigError(`Inputs '${name}' and '${fileName}' were both given. Give only one of them.`);
    }
    if (file !== '') {
        let content;
        try {
            content = (0,_files_file_rule_js__WEBPACK_IMPORTED_MODULE_0__/* .readInputFile */ .jH)(fileName, file, (0,_files_file_rule_js__WEBPACK_IMPORTED_MODULE_0__/* .inputFileRoots */ .S3)(source.env));
        }
        catch (error) {
            throw error instanceof _files_file_rule_js__WEBPACK_IMPORTED_MODULE_0__/* .InputFileError */ .TH ? new ConfigError(error.message) : error;
        }
        if (content.trim() === '')
            throw invalid(fileName, file, 'a file that is not empty');
        return { text: content, input: fileName, fromFile: true };
    }
    return text.trim() === '' ? undefined : { text, input: name, fromFile: false };
}
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
/** `true` or `false` (any case); empty: `fallback`. */
function booleanInput(source, name, fallback) {
    return choiceInput(source, name, ['true', 'false'], fallback ? 'true' : 'false') === 'true';
}
function optionalInteger(source, name, min) {
    return source.getInput(name).trim() === '' ? undefined : integerInput(source, name, 0, min);
}
/** Comma- or newline-separated values, in order, without repeats; each must pass `valid`, else `expected` is named. */
function listInput(source, name, valid, expected) {
    const items = source
        .getInput(name)
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(item => item !== '');
    for (const item of items) {
        if (!valid(item))
            throw invalid(name, item, expected);
    }
    return [...new Set(items)];
}
/** Comma- or newline-separated model names, in order, without repeats. */
function modelList(source, name) {
    return listInput(source, name, model => !/\s/.test(model), 'model names separated by commas or new lines');
}
/** The old `temperature` input (see SAMPLING_REMOVED): kept in action.yml so a workflow that still sets it gets this error. */
function refuseTemperature(source, name) {
    const raw = source.getInput(name).trim();
    if (raw !== '')
        throw new ConfigError(`Input '${name}' ('${raw}') is no longer accepted: ${_request_input_error_js__WEBPACK_IMPORTED_MODULE_2__/* .SAMPLING_REMOVED */ .r}. Remove it.`);
}
function toMs(seconds) {
    // Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
    return seconds === undefined ? undefined : Math.round(seconds * 1000);
}


/***/ }),

/***/ 37327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BM: () => (/* binding */ meantOneOf),
  V3: () => (/* binding */ misspeltSecrets),
  H: () => (/* binding */ unknownEnvName),
  qs: () => (/* binding */ unknownInputs)
});

// UNUSED EXPORTS: PEER_NAMES, meantInput

;// CONCATENATED MODULE: ./src/util/edit-distance.ts
/**
 * The edit distance between two names: insertions, deletions, substitutions and swaps of two
 * neighbours (optimal string alignment), each counting 1. `mdoel` is one edit from `model`.
 */
function editDistance(a, b) {
    // rows[i][j]: the distance between the first i characters of a and the first j of b.
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            const row = rows[i];
            const above = rows[i - 1];
            let best = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                best = Math.min(best, rows[i - 2][j - 2] + 1);
            }
            row[j] = best;
        }
    }
    return rows[a.length][b.length];
}

// EXTERNAL MODULE: ./src/inputs/input-names.ts
var input_names = __webpack_require__(23760);
;// CONCATENATED MODULE: ./src/inputs/unknown-inputs.ts
/**
 * Input names that action.yml does not declare. The runner passes every `with:` key to the action
 * as INPUT_<NAME> (upper-cased, hyphens kept) and only warns "Unexpected input(s)", listing all
 * inputs; a job-level `env:` can set INPUT_<NAME> too. A misspelt or a peer action's name is
 * otherwise silently ignored, so each one is named here with the input it most likely meant.
 */


/**
 * The names peer actions use (claude-code-action, actions/ai-inference and others), and what
 * this action takes instead. The README's Inputs section lists the same table.
 */
const PEER_NAMES = {
    anthropic_api_key: { input: input_names/* Inputs */.G0.apiKey },
    system_prompt: { input: input_names/* Inputs */.G0.system },
    'system-prompt': { input: input_names/* Inputs */.G0.system },
    system_prompt_file: { input: input_names/* Inputs */.G0.systemFile },
    'system-prompt-file': { input: input_names/* Inputs */.G0.systemFile },
    prompt_file: { input: input_names/* Inputs */.G0.promptFile },
    model_name: { input: input_names/* Inputs */.G0.model },
    max_tokens: { input: input_names/* Inputs */.G0.maxTokens },
    github_token: { input: input_names/* Inputs */.G0.githubToken },
    use_bedrock: { input: input_names/* Inputs */.G0.provider, value: 'bedrock' },
    use_vertex: { input: input_names/* Inputs */.G0.provider, value: 'vertex' },
    // claude-code-action's arguments for the Claude Code CLI: this action runs no CLI.
    claude_args: { input: undefined }
};
const DECLARED = Object.values(input_names/* Inputs */.G0);
const PREFIX = 'INPUT_';
/** Every INPUT_* variable that names no declared input, in the environment's order. */
function unknownInputs(env) {
    return Object.keys(env)
        .filter(key => key.startsWith(PREFIX))
        .map(key => key.slice(PREFIX.length).toLowerCase())
        .filter(name => name !== '' && !DECLARED.includes(name))
        .map(name => ({ name, meant: meantInput(name) }));
}
/**
 * The peers' table first; then the same name in kebab-case; then the closest declared name within
 * an edit distance of 2, or a third of the name's length when that is smaller (`top` is not `mode`).
 */
function meantInput(name) {
    const peer = PEER_NAMES[name];
    if (peer)
        return peer;
    const kebab = name.replace(/[_ ]/g, '-');
    if (DECLARED.includes(kebab))
        return { input: kebab };
    const limit = Math.min(2, Math.floor(kebab.length / 3));
    let best;
    for (const input of DECLARED) {
        const distance = editDistance(kebab, input);
        if (distance <= limit && (best === undefined || distance < best.distance))
            best = { input, distance };
    }
    return best && { input: best.input };
}
/** The variable that carried it (the runner upper-cases input names). */
function unknownEnvName(unknown) {
    return `${PREFIX}${unknown.name.toUpperCase()}`;
}
/** Whether `unknown` most likely meant one of `inputs` (e.g. a required input found empty). */
function meantOneOf(unknown, inputs) {
    return unknown.meant?.input !== undefined && inputs.includes(unknown.meant.input);
}
/** The values of names meant as a key or token: a misspelt key is still a key, and is masked like one. */
function misspeltSecrets(unknown, env) {
    return unknown
        .filter(name => meantOneOf(name, [input_names/* Inputs */.G0.apiKey, input_names/* Inputs */.G0.githubToken]))
        .map(name => env[unknownEnvName(name)]?.trim() ?? '')
        .filter(value => value !== '');
}


/***/ }),

/***/ 92175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
var external_node_fs_default = /*#__PURE__*/__webpack_require__.n(external_node_fs_);
// EXTERNAL MODULE: ./src/report/output-names.ts
var output_names = __webpack_require__(93952);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
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
        : `${(0,report_summary/* escapeInline */.VV)(String(result.message?.model ?? result.model))} · ${(0,util_text/* plural */.LS)(attempts, 'attempt')} · ${(0,util_text/* formatSeconds */.Xo)(result.durationMs)}`;
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

// EXTERNAL MODULE: ./src/claude/redact.ts
var redact = __webpack_require__(43105);
;// CONCATENATED MODULE: ./src/github/comment-error.ts
/** GitHub's answers (or silence) as a CommentError that says what to fix, never holding the token. */

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
    // GitHub's text, like any server's, without the run's secrets (claude/redact.ts) and without the token.
    const scrub = (text) => (0,redact/* redactKeys */.iY)(token.length >= 4 ? text.split(token).join('***') : text);
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

// EXTERNAL MODULE: ./src/util/record.ts
var record = __webpack_require__(19683);
;// CONCATENATED MODULE: ./src/github/target.ts
/**
 * Which pull request or issue the comment goes on, from the runner's environment and the event
 * payload. Pure but for reading the payload file, which is passed in.
 */

const DEFAULT_API_URL = 'https://api.github.com';
/** The event payload JSON from GITHUB_EVENT_PATH, or why there is none. */
function readEventPayload(env, readFile) {
    const eventPath = env.GITHUB_EVENT_PATH;
    if (!eventPath)
        return { error: 'GITHUB_EVENT_PATH is not set, so there is no event payload to find the pull request or issue in.' };
    try {
        return { payload: JSON.parse(readFile(eventPath)) };
    }
    catch (error) {
        return {
            error: `Could not read the event payload at ${eventPath}: ${error instanceof Error ? error.message : String(error)}`
        };
    }
}
/**
 * Why this run gets none of the repository's secrets, if it does not: Dependabot's runs get the
 * Dependabot secrets instead, and a `pull_request` from a fork (or from a deleted fork: head.repo
 * null) gets none. `pull_request_target` runs in the base repository and gets them.
 */
function secretsWithheld(env, payload) {
    if (env.GITHUB_ACTOR === 'dependabot[bot]')
        return 'dependabot';
    if (env.GITHUB_EVENT_NAME !== 'pull_request')
        return undefined;
    const head = payload?.pull_request?.head;
    if (head === undefined)
        return undefined;
    const repo = (0,record/* isRecord */.u)(head) ? head.repo : undefined;
    const fullName = (0,record/* isRecord */.u)(repo) ? repo.full_name : undefined;
    return fullName === env.GITHUB_REPOSITORY ? undefined : 'fork';
}
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
    const read = readEventPayload(env, readFile);
    if ('error' in read)
        return read;
    const { payload } = read;
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
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
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
                throw fail(`GitHub did not answer within ${(0,util_text/* formatSeconds */.Xo)(timeoutMs)} (${which}).`, 'timeout');
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
 * Returns why it was not posted (undefined: posted), for the summary.
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
        core/* setOutput */.uH(output_names/* Outputs */.t.commentUrl, posted.url);
        if (posted.note !== undefined)
            core/* warning */.$e((0,format/* oneLine */.T)(`Comment: ${posted.note}.`));
        core/* info */.pq((0,format/* oneLine */.T)(`Comment ${posted.action}: ${posted.url}`));
        return undefined;
    }
    catch (error) {
        if (!(error instanceof CommentError))
            throw error;
        return notPosted(error.reason === 'timeout' ? 'comment_timeout' : (error.reason ?? 'comment_error'), error.message);
    }
}
function notPosted(type, message) {
    // A later value of an output replaces the earlier one (empty after a successful answer).
    core/* setOutput */.uH(output_names/* Outputs */.t.error, type === 'cancelled' ? 'cancelled' : `${type}: ${message}`);
    core/* setFailed */.C1(`The answer was not posted: ${message}`);
    return message;
}

// EXTERNAL MODULE: ./src/report/input-lines.ts
var input_lines = __webpack_require__(41312);
;// CONCATENATED MODULE: ./src/github/preflight.ts
/**
 * The event checks that parseConfig runs before any request (inputs/read.ts EventChecks), read
 * from the same payload and by the same code that the comment step uses afterwards: whatever
 * would fail there fails here first, before a request is paid for.
 */



function eventChecks(env, readFile = file => (0,external_node_fs_.readFileSync)(file, 'utf8')) {
    return {
        commentTargetProblem(target) {
            const found = commentContextFromEnv(env, readFile, target);
            return 'error' in found ? `${found.error} ${(0,input_lines/* commentTargetFix */.Ct)(target)}` : undefined;
        },
        noKeyAdvice() {
            const read = readEventPayload(env, readFile);
            // No payload (a local run): nothing is known about the event, so the usual advice stands.
            return 'error' in read && env.GITHUB_ACTOR !== 'dependabot[bot]'
                ? undefined
                : (0,input_lines/* noKeyAdvice */.b1)(secretsWithheld(env, 'error' in read ? undefined : read.payload));
        }
    };
}

// EXTERNAL MODULE: ./src/report/log-lines.ts + 2 modules
var log_lines = __webpack_require__(11672);
// EXTERNAL MODULE: ./src/phases/ask.ts + 1 modules
var ask = __webpack_require__(87332);
// EXTERNAL MODULE: ./src/claude/schema.ts
var schema = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/inputs/input-names.ts
var input_names = __webpack_require__(23760);
;// CONCATENATED MODULE: ./src/retry/policy.ts
/**
 * retry/: the pure core. The policy and its types, the delay schedules (backoff.ts), retry or
 * not (classify.ts), the loop (loop.ts) and an abortable sleep. It imports no other folder:
 * the clock, sleep, random source, signal and the attempt itself are passed in, and it returns
 * data (attempt events, an outcome) that report/ turns into words.
 */
const JITTER_MODES = ['full', 'equal', 'decorrelated', 'none'];

// EXTERNAL MODULE: ./src/inputs/base-url.ts
var base_url = __webpack_require__(75872);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/request/attachments.ts + 1 modules
var request_attachments = __webpack_require__(35959);
// EXTERNAL MODULE: ./src/files/file-rule.ts
var file_rule = __webpack_require__(8584);
;// CONCATENATED MODULE: ./src/files/glob-walk.ts
/**
 * How a `files` glob walks the disk. The rule (SECURITY.md): it never descends into a symlinked
 * folder, wherever the link points. A committed link to `/` made `**` walk the runner's whole file
 * system, a link back up (`a/up -> ..`) found every file twice, and files outside the workspace
 * counted toward max-files. A symlinked *file* is still matched and then held to the file rule
 * (file-rule.ts) by its real path, like any path given by name.
 *
 * The walk is asynchronous (tinyglobby's glob over fdir), so it runs under the step's cancel
 * signal and a deadline, and it stops after `maxEntries` directory entries read.
 */


/** Directory entries (files, folders, links) one pattern may read before it is refused as too broad. */
const MAX_WALK_ENTRIES = 100_000;
/** The absolute paths of the files `pattern` matches under `base` (dot files not matched, links to folders not entered). */
async function globFiles(pattern, base, limits = {}) {
    const { glob } = await __webpack_require__.e(/* import() */ 382).then(__webpack_require__.bind(__webpack_require__, 73382));
    const now = limits.now ?? Date.now;
    const maxEntries = limits.maxEntries ?? MAX_WALK_ENTRIES;
    const controller = new AbortController();
    let visited = 0;
    let stop;
    let stopped = () => undefined;
    const halted = new Promise(resolve => (stopped = resolve));
    const halt = (why) => {
        stop ??= why;
        controller.abort();
        stopped();
    };
    const onCancel = () => halt('cancelled');
    if (limits.signal?.aborted)
        return { ok: false, stop: 'cancelled', visited };
    limits.signal?.addEventListener('abort', onCancel, { once: true });
    const timer = limits.deadline === undefined ? undefined : setTimeout(() => halt('deadline'), Math.max(0, limits.deadline - now()));
    // fdir reads each folder with fs.readdir; this one counts what it reads, checks the limits between
    // folders, and hides symlinked folders (a symlink to anything else is shown as a file).
    const readdir = (dir, options, callback) => external_node_fs_default().readdir(dir, { withFileTypes: true }, (error, entries) => {
        if (error)
            return callback(error, []);
        visited += entries.length;
        if (visited > maxEntries)
            halt('too-many');
        if (limits.deadline !== undefined && now() >= limits.deadline)
            halt('deadline');
        if (stop)
            return callback(null, []);
        void withoutLinkedFolders(dir, entries).then(kept => callback(null, kept));
    });
    try {
        const walk = glob(pattern, {
            cwd: base,
            absolute: true,
            onlyFiles: true,
            expandDirectories: false,
            followSymbolicLinks: false,
            fs: { readdir: readdir },
            signal: controller.signal
        });
        // On a stop, return at once: the reads already under way end by themselves and start no more
        // (and a late failure of the abandoned walk must not surface as an unhandled rejection).
        walk.catch(() => undefined);
        const files = await Promise.race([walk, halted.then(() => [])]);
        return stop ? { ok: false, stop, visited } : { ok: true, files, visited };
    }
    finally {
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', onCancel);
    }
}
/** The entries, each symlink resolved once: to a folder, left out; to anything else, kept as a file; broken, left out. */
async function withoutLinkedFolders(dir, entries) {
    const kept = await Promise.all(entries.map(async (entry) => {
        if (!entry.isSymbolicLink())
            return entry;
        try {
            const target = await external_node_fs_default().promises.stat(external_node_path_default().join(dir, entry.name));
            return target.isDirectory() ? undefined : asFile(entry);
        }
        catch {
            return undefined;
        }
    }));
    return kept.filter(entry => entry !== undefined);
}
/** fdir reads a dirent's name and kind; a symlink so marked is matched like a file and not resolved by fdir. */
function asFile(entry) {
    return Object.assign(Object.create(entry), {
        isFile: () => true,
        isDirectory: () => false,
        isSymbolicLink: () => false
    });
}

// EXTERNAL MODULE: ./src/inputs/read.ts
var inputs_read = __webpack_require__(44245);
;// CONCATENATED MODULE: ./src/inputs/files-input.ts
/**
 * The `files` input: paths and globs, one per line, resolved under the workspace and read with
 * the same rule as every file input (files/file-rule.ts: the real path a regular file inside the workspace
 * or RUNNER_TEMP), then turned into content blocks by request/attachments.ts. All before any request.
 * Globs walk the disk through files/glob-walk.ts: never into a symlinked folder, under the step's
 * cancel signal and total-timeout, at most MAX_WALK_ENTRIES entries per pattern.
 */








/**
 * The attachments; on a cancel during a glob's walk, none (the caller sees the signal and ends
 * the step as cancelled before any request). `limits`: the API's (LIMITS); a test passes smaller
 * ones rather than tens of MiB of data.
 */
async function attachmentsInput(source, parts, bounds = {}, limits = request_attachments/* LIMITS */.b1) {
    const lines = source
        .getInput(input_names/* Inputs */.G0.files)
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '');
    if (lines.length === 0)
        return [];
    const maxFiles = (0,inputs_read/* integerInput */.$A)(source, input_names/* Inputs */.G0.maxFiles, input_names/* Defaults */.Hw.maxFiles, 1);
    const optional = (0,inputs_read/* booleanInput */.tE)(source, input_names/* Inputs */.G0.filesOptional, input_names/* Defaults */.Hw.filesOptional);
    const roots = (0,file_rule/* inputFileRoots */.S3)(source.env);
    // tinyglobby loads only when there are files to match: most runs attach none.
    const matched = await matchFiles(lines, roots, optional, bounds, await __webpack_require__.e(/* import() */ 382).then(__webpack_require__.bind(__webpack_require__, 73382)));
    if (matched === 'cancelled')
        return [];
    const found = matched.map(file => file.shown);
    if (found.length > maxFiles) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.files}' matches ${found.length} files, more than '${input_names/* Inputs */.G0.maxFiles}' (${maxFiles}). Narrow the patterns, or raise '${input_names/* Inputs */.G0.maxFiles}' if you mean to send that many.`);
    }
    const attachments = [];
    let read = 0;
    try {
        for (const { shown, fromGlob } of matched) {
            const data = (0,file_rule/* readInputBytes */.aN)(input_names/* Inputs */.G0.files, shown, roots, undefined, { hideOutside: fromGlob });
            // Each file is at most 32 MiB (files/file-rule.ts); stop before many of them fill memory.
            read += data.length;
            if (read > limits.maxRequestBytes) {
                throw new request_attachments/* AttachmentError */.mv(`the files add up to more than ${limits.maxRequestBytes} bytes by '${shown}'; the API accepts at most ${limits.maxRequestBytes} bytes (${(0,request_attachments/* megabytes */.ix)(limits.maxRequestBytes)}) in one request`);
            }
            attachments.push((0,request_attachments/* toAttachment */.xA)(shown, data));
        }
        const promptBytes = (0,util_text/* utf8Bytes */.dy)(JSON.stringify(parts.messages)) + (0,util_text/* utf8Bytes */.dy)(JSON.stringify(parts.system ?? ''));
        (0,request_attachments/* checkLimits */.J5)(attachments, promptBytes, limits);
    }
    catch (error) {
        if (error instanceof file_rule/* InputFileError */.TH)
            throw new inputs_read/* ConfigError */.xL(error.message);
        if (error instanceof request_attachments/* AttachmentError */.mv)
            throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.files}': ${error.message}.`);
        throw error;
    }
    return attachments;
}
/**
 * Each line in order; a glob's matches sorted by path; every file once, by its real path (a file
 * reached under two names is attached under the first). A line without glob characters is a path,
 * read as given (so a missing or refused file is named in the error). Globs skip dot files, do not
 * expand a directory into its contents and do not enter symlinked folders (files/glob-walk.ts).
 */
async function matchFiles(lines, roots, optional, bounds, { isDynamicPattern }) {
    const seen = new Set();
    const found = [];
    for (const line of lines) {
        let matches;
        if (isDynamicPattern(line)) {
            const walked = await globFiles(line, roots.base, bounds);
            if (!walked.ok && walked.stop === 'cancelled')
                return 'cancelled';
            matches = walkedFiles(line, walked, bounds)
                .map(file => ({ shown: globShownPath(file, roots), fromGlob: true }))
                .sort((a, b) => byCodeUnits(a.shown, b.shown));
            if (matches.length === 0 && !optional) {
                throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.files}' has a pattern that matches no file: '${line}' (relative patterns start at ${roots.base}; dot files are not matched, nor files in symlinked folders). Set '${input_names/* Inputs */.G0.filesOptional}: true' if no match is fine.`);
            }
        }
        else {
            if (optional && !(0,external_node_fs_.existsSync)(external_node_path_default().resolve(roots.base, line)))
                continue;
            matches = [{ shown: shownPath(external_node_path_default().resolve(roots.base, line), roots.base), fromGlob: false }];
        }
        for (const match of matches) {
            const key = realOrResolved(external_node_path_default().resolve(roots.base, match.shown));
            if (seen.has(key))
                continue;
            seen.add(key);
            found.push(match);
        }
    }
    return found;
}
function walkedFiles(pattern, walked, bounds) {
    if (walked.ok)
        return walked.files;
    if (walked.stop === 'too-many') {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.files}' has a pattern that reads more than ${bounds.maxEntries ?? MAX_WALK_ENTRIES} files and folders before it is matched: '${pattern}'. Use a narrower pattern: name the folder to start from (e.g. 'docs/**/*.md' rather than '**/*.md').`);
    }
    const limit = bounds.totalTimeoutMs === undefined ? 'the deadline' : `total-timeout (${(0,util_text/* formatSeconds */.Xo)(bounds.totalTimeoutMs)})`;
    throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.files}' has a pattern still being matched when ${limit} ran out, after ${walked.visited} files and folders: '${pattern}'. Use a narrower pattern: name the folder to start from.`);
}
/** Relative to the workspace when inside it, else absolute: the name the model and the summary see. */
function shownPath(file, base) {
    const relative = external_node_path_default().relative(base, file);
    // Outside is '..' or '..' + the separator: a name such as '..notes.md' is inside.
    const outside = relative === '..' || relative.startsWith(`..${(external_node_path_default()).sep}`) || external_node_path_default().isAbsolute(relative);
    return relative !== '' && !outside ? relative : file;
}
/**
 * A glob's match, named as shownPath does but never by an absolute path outside the allowed folders
 * (a pattern like '../**' walks outside the workspace): those are shown relative to the workspace.
 */
function globShownPath(file, roots) {
    const shown = shownPath(file, roots.base);
    if (!external_node_path_default().isAbsolute(shown))
        return shown;
    const allowed = roots.allowed.some(root => !external_node_path_default().relative(root.dir, file).startsWith('..'));
    return allowed ? shown : external_node_path_default().relative(roots.base, file);
}
function realOrResolved(file) {
    try {
        return external_node_fs_.realpathSync.native(file);
    }
    catch {
        return file;
    }
}
const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// EXTERNAL MODULE: ./src/request/options.ts
var request_options = __webpack_require__(36167);
;// CONCATENATED MODULE: ./src/inputs/problems.ts
/**
 * Every input problem of one run, gathered so that one failed step names them all: a mistake in
 * CI costs a push and a wait, so three bad inputs must not take three runs.
 *
 * Each check runs on its own. A ConfigError it throws is recorded and the check's fallback stands
 * in, so the next check still runs. Checks across inputs run after the single-input ones, and
 * skip themselves when an input they depend on already failed (its fallback says nothing).
 */

class InputProblems {
    found = [];
    /** `read()`, or `fallback` once its ConfigError is recorded; any other error is thrown on. */
    check(read, fallback) {
        try {
            return read();
        }
        catch (error) {
            return this.record(error, fallback);
        }
    }
    async checkAsync(read, fallback) {
        try {
            return await read();
        }
        catch (error) {
            return this.record(error, fallback);
        }
    }
    /** Throws one ConfigError that holds every problem found, in the order found. */
    throwIfAny() {
        if (this.found.length > 0)
            throw new inputs_read/* ConfigError */.xL(this.found);
    }
    record(error, fallback) {
        if (!(error instanceof inputs_read/* ConfigError */.xL))
            throw error;
        this.found.push(...error.problems);
        return fallback;
    }
}

;// CONCATENATED MODULE: ./src/inputs/request-options.ts
/**
 * The request-option inputs (thinking, effort, stop-sequences, service-tier, metadata-user-id,
 * cache), read and checked against each other and against max-tokens before any
 * request. request/options.ts maps them onto the request.
 */




/** What an option is when its input is invalid: not set, so no check across inputs fires on it. */
const NO_OPTIONS = {
    thinking: undefined,
    effort: undefined,
    stopSequences: [],
    serviceTier: undefined,
    metadataUserId: undefined,
    cache: undefined
};
/** Each option on its own; every invalid one is reported. The checks against other inputs: optionsFit. */
function requestOptionsInput(source) {
    const problems = new InputProblems();
    const optional = (name, choices) => source.getInput(name).trim() === ''
        ? undefined
        : problems.check(() => (0,inputs_read/* choiceInput */.ij)(source, name, choices, choices[0]), undefined);
    const options = {
        thinking: problems.check(() => thinkingInput(source), undefined),
        effort: optional(input_names/* Inputs */.G0.effort, request_options/* EFFORTS */.ig),
        stopSequences: stopSequencesInput(source),
        serviceTier: optional(input_names/* Inputs */.G0.serviceTier, request_options/* SERVICE_TIERS */.CN),
        metadataUserId: source.getInput(input_names/* Inputs */.G0.metadataUserId).trim() || undefined,
        cache: problems.check(() => cacheInput(source), undefined)
    };
    problems.throwIfAny();
    return options;
}
/** The options against max-tokens and what there is to cache; every mismatch is reported. */
function optionsFit(options, context) {
    const problems = new InputProblems();
    problems.check(() => thinkingFits(options.thinking, context), undefined);
    if (options.cache !== undefined && !context.cacheable) {
        problems.check(() => {
            throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.cache}' is '${options.cache}' but there is nothing to cache: it marks the system prompt ('${input_names/* Inputs */.G0.system}', '${input_names/* Inputs */.G0.systemFile}' or the system message of a '${input_names/* Inputs */.G0.promptYml}' file) and the last file attached by '${input_names/* Inputs */.G0.files}', and this request has neither. Give one of them, or leave '${input_names/* Inputs */.G0.cache}' at 'none'.`);
        }, undefined);
    }
    problems.throwIfAny();
}
function cacheInput(source) {
    const cache = (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.cache, request_options/* CACHE_MODES */._R, input_names/* Defaults */.Hw.cache);
    return cache === 'none' ? undefined : cache;
}
/**
 * 'off' (or empty), 'adaptive', or a budget of tokens: at least 1024 (ThinkingConfigEnabled in
 * the SDK); that it is less than max-tokens is checked by thinkingFits.
 */
function thinkingInput(source) {
    const raw = source.getInput(input_names/* Inputs */.G0.thinking).trim();
    const value = raw.toLowerCase();
    if (value === '' || value === 'off')
        return undefined;
    if (value === 'adaptive')
        return { type: 'adaptive' };
    if (/^\d+$/.test(value) && Number(value) >= request_options/* MIN_THINKING_BUDGET */.Oq && Number.isSafeInteger(Number(value))) {
        return { type: 'enabled', budget_tokens: Number(value) };
    }
    throw (0,inputs_read/* invalid */.Gq)(input_names/* Inputs */.G0.thinking, raw, `'off', 'adaptive', or a thinking budget in tokens: an integer >= ${request_options/* MIN_THINKING_BUDGET */.Oq} and less than '${input_names/* Inputs */.G0.maxTokens}'`);
}
function thinkingFits(thinking, { maxTokens, maxTokensFromFile }) {
    if (thinking?.type !== 'enabled' || maxTokens === undefined)
        return;
    const budget = thinking.budget_tokens;
    if (budget < maxTokens)
        return;
    const limit = maxTokensFromFile
        ? `the max tokens of '${input_names/* Inputs */.G0.promptYml}' (${maxTokens}, its modelParameters win over '${input_names/* Inputs */.G0.maxTokens}')`
        : `'${input_names/* Inputs */.G0.maxTokens}' (${maxTokens})`;
    const raise = maxTokensFromFile ? "the file's max tokens" : `'${input_names/* Inputs */.G0.maxTokens}'`;
    throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.thinking}' is a budget of ${budget} tokens, which is not less than ${limit}; the API needs the thinking budget below max_tokens, since thinking counts toward it. Raise ${raise} or lower the budget.`);
}
/** One stop sequence per line, trimmed; blank lines skipped, repeats kept once. */
function stopSequencesInput(source) {
    const lines = source
        .getInput(input_names/* Inputs */.G0.stopSequences)
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '');
    return [...new Set(lines)];
}

;// CONCATENATED MODULE: ./src/inputs/across.ts


function needKey({ apiKey, mock, keyless }, advice) {
    if (apiKey !== '' || mock || keyless)
        return;
    throw new inputs_read/* ConfigError */.xL(`No API key: input '${input_names/* Inputs */.G0.apiKey}' is empty and ANTHROPIC_API_KEY is not set. ` +
        (advice ??
            `Store the key as a repository secret and pass it: 'with: ${input_names/* Inputs */.G0.apiKey}: \${{ secrets.ANTHROPIC_API_KEY }}' ` +
                `(or, through an LLM gateway, give its credential as an Authorization or x-api-key line of '${input_names/* Inputs */.G0.headers}').`), [input_names/* Inputs */.G0.apiKey]);
}
function needToken(commentOn, githubToken) {
    if (commentOn === 'none' || githubToken !== '')
        return;
    throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.commentOn}' is '${commentOn}' but '${input_names/* Inputs */.G0.githubToken}' is empty. Pass 'with: ${input_names/* Inputs */.G0.githubToken}: \${{ github.token }}' (the default in action.yml).`);
}
/** comment-on names a target this event has (known before the request; after it, the request is paid for). */
function needCommentTarget(commentOn, event) {
    const problem = commentOn === 'none' ? undefined : event?.commentTargetProblem(commentOn);
    if (problem !== undefined)
        throw new inputs_read/* ConfigError */.xL(problem);
}

// EXTERNAL MODULE: ./src/request/input-error.ts
var input_error = __webpack_require__(86426);
;// CONCATENATED MODULE: ./src/request/yaml.ts

const loadYaml = () => __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 38815, 19));
/**
 * `text` parsed strictly (duplicate keys are errors). On a syntax error, throws the
 * RequestInputError `problem` builds from the parser's first message line, which says where.
 */
function strictDocument(yaml, text, problem) {
    const doc = yaml.parseDocument(text, { strict: true, uniqueKeys: true });
    // The parser's first line ends "at line 1, column 8:" before a code frame; the frame is left out, and so is the colon.
    if (doc.errors.length > 0) {
        throw new input_error/* RequestInputError */.y(problem((doc.errors[0]?.message.split('\n')[0] ?? '').replace(/:\s*$/, '')));
    }
    return doc;
}

;// CONCATENATED MODULE: ./src/request/conversation.ts



/** A value's kind in an error message: 'a list', 'null', 'an object', or its typeof. */
const describe = (value) => Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
/**
 * One earlier turn of the `messages` input: exactly `role` (user or assistant) and `content`, a
 * non-empty string or a non-empty list of text blocks `{"type": "text", "text": "…"}`. Files and
 * images are not taken here; `system` has its own input.
 */
function checkTurn(item, index, label) {
    const at = `${label}: messages[${index}]`;
    if (!(0,record/* isRecord */.u)(item)) {
        throw new input_error/* RequestInputError */.y(`${at} is ${describe(item)}. Expected an object {"role": "user", "content": "…"}.`);
    }
    const extra = Object.keys(item).filter(key => key !== 'role' && key !== 'content');
    if (extra.length > 0) {
        throw new input_error/* RequestInputError */.y(`${at} has ${extra.map(k => `'${k}'`).join(', ')}. Expected only 'role' and 'content'.`);
    }
    const { role, content } = item;
    if (role === 'system') {
        throw new input_error/* RequestInputError */.y(`${at} has role 'system', which the Messages API takes apart from the turns. Give it in the 'system' input.`);
    }
    if (role !== 'user' && role !== 'assistant') {
        throw new input_error/* RequestInputError */.y(`${at} has role ${JSON.stringify(role) ?? 'undefined'}. Expected 'user' or 'assistant'.`);
    }
    return { role, content: checkContent(content, at) };
}
function checkContent(content, at) {
    const expected = 'Expected a non-empty string, or a non-empty list of text blocks {"type": "text", "text": "…"}';
    if (typeof content === 'string') {
        if (content.trim() === '')
            throw new input_error/* RequestInputError */.y(`${at} has empty content. ${expected}.`);
        return content;
    }
    if (!Array.isArray(content) || content.length === 0) {
        throw new input_error/* RequestInputError */.y(`${at} has content that is ${describe(content)}${Array.isArray(content) ? ' (empty)' : ''}. ${expected}.`);
    }
    return content.map((block, i) => {
        const where = `${at}.content[${i}]`;
        const b = block;
        const keys = (0,record/* isRecord */.u)(b) ? Object.keys(b).sort().join(',') : '';
        if (keys !== 'text,type' || b?.type !== 'text' || typeof b.text !== 'string' || b.text.trim() === '') {
            throw new input_error/* RequestInputError */.y(`${where} is ${JSON.stringify(block)?.slice(0, 100) ?? 'undefined'}. Expected a text block {"type": "text", "text": "…"} with non-empty text and nothing else (only text is taken here).`);
        }
        return { type: 'text', text: b.text };
    });
}
/**
 * The order rule: turns start with 'user' and alternate, and the last one is `end`: 'user' when it
 * is the question itself, 'assistant' when `prompt` will add the question after it. `indices` are
 * the turns' places in the list the author wrote (a .prompt.yml's leading system turns count).
 */
function checkOrder(turns, label, end) {
    turns.forEach((turn, i) => {
        const previous = turns[i - 1];
        if (previous === undefined && turn.role !== 'user') {
            throw new input_error/* RequestInputError */.y(`${label}: messages[${turn.index}] is the first turn and has role '${turn.role}'. The conversation starts with a 'user' turn.`);
        }
        if (previous !== undefined && previous.role === turn.role) {
            throw new input_error/* RequestInputError */.y(`${label}: messages[${turn.index}] has role '${turn.role}' right after another '${turn.role}' turn. Roles must alternate: user, assistant, user, …`);
        }
    });
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role !== end.role) {
        throw new input_error/* RequestInputError */.y(`${label}: the last turn, messages[${last.index}], has role '${last.role}'. ${end.why}`);
    }
}
/**
 * The `messages` input, parsed: its turns checked one by one and in order. Without a prompt it is
 * the whole conversation and ends with the user's question; with one, the prompt is appended as
 * the last user turn, so the list must end with an assistant turn.
 */
function conversationFrom(parsed, label, prompt) {
    if (!Array.isArray(parsed)) {
        throw new input_error/* RequestInputError */.y(`${label} is ${describe(parsed)}, not a list. Expected a JSON array of turns, e.g. [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}].`);
    }
    const turns = parsed.map((item, index) => checkTurn(item, index, label));
    if (prompt === undefined && turns.length === 0) {
        throw new input_error/* RequestInputError */.y(`${label} is an empty list. Expected at least one turn, the last one from 'user'.`);
    }
    checkOrder(turns.map((turn, index) => ({ role: turn.role, index })), label, prompt === undefined
        ? { role: 'user', why: 'Without a prompt, the conversation must end with the user turn that Claude answers.' }
        : {
            role: 'assistant',
            why: `'${prompt.input}' becomes the last user turn, so 'messages' must end with an 'assistant' turn (or leave out '${prompt.input}' to make the last turn the question).`
        });
    return prompt === undefined ? turns : [...turns, { role: 'user', content: prompt.text }];
}
/** The `messages` input's text: JSON (or YAML, of which JSON is a part). */
function parseMessages(text, label, yaml) {
    return strictDocument(yaml, text, first => `${label} is not valid JSON (${first}). Expected a JSON array of turns, e.g. [{"role": "user", "content": "…"}].`).toJS();
}

;// CONCATENATED MODULE: ./src/request/template.ts


/** A var's name: what may stand between the braces, with optional spaces or tabs around it. */
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PLACEHOLDER = /\{\{[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\}\}/g;
/**
 * The `vars` text (YAML or JSON: JSON is YAML) as names and values. Values are strings; a number,
 * boolean or null scalar becomes the text as written (`1.10` stays `1.10`, null is empty), and a
 * nested mapping or list becomes its compact JSON.
 */
function parseVars(text, input, yaml) {
    const { isMap, isScalar } = yaml;
    const expected = `Expected a YAML or JSON mapping of names to values, e.g. 'title: Fix the build' or '{"title": "Fix the build"}'`;
    // Mostly a value that a `${{ }}` expression put in as it is: an issue title with ': ' or a quote breaks the YAML.
    const untrusted = `Wrap values from \${{ }} expressions in toJSON, e.g. 'title: \${{ toJSON(github.event.issue.title) }}': each becomes one quoted string`;
    const doc = strictDocument(yaml, text, first => `Input '${input}' is not valid YAML or JSON (${first}). ${expected}. ${untrusted}.`);
    // Only comments: given, with no values (as '{}' is).
    if (doc.contents === null)
        return new Map();
    if (!isMap(doc.contents))
        throw new input_error/* RequestInputError */.y(`Input '${input}' is not a mapping. ${expected}.`);
    const vars = new Map();
    for (const pair of doc.contents.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' || !VAR_NAME.test(key)) {
            throw new input_error/* RequestInputError */.y(`Input '${input}' has the key '${String(isScalar(pair.key) ? key : pair.key)}', which is not a var name. ` +
                `Names start with a letter or '_' and hold letters, digits, '_', '.' and '-'.`);
        }
        vars.set(key, valueText(pair.value, doc, yaml));
    }
    return vars;
}
function valueText(node, doc, yaml) {
    if (yaml.isScalar(node)) {
        if (node.value === null || node.value === undefined)
            return '';
        if (typeof node.value === 'string')
            return node.value;
        if (node.source !== undefined)
            return node.source;
        const value = node.value;
        return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
            ? String(value)
            : JSON.stringify(value);
    }
    if (node === null || node === undefined)
        return '';
    // A mapping, a list or an alias: its JSON (yaml bounds alias expansion).
    return JSON.stringify(node.toJS(doc));
}
/** The names of the placeholders in `text`, in order of first appearance. */
function placeholders(text) {
    return [...new Set([...text.matchAll(PLACEHOLDER)].map(match => match[1]))];
}
/** Fills every text from `vars` in one pass each; nothing that a value brings in is looked at again. */
function fillTemplates(texts, vars) {
    const used = new Set();
    const missing = new Set();
    const filled = texts.map(text => text === undefined
        ? text
        : text.replace(PLACEHOLDER, (match, name) => {
            const value = vars.get(name);
            if (value === undefined) {
                missing.add(name);
                return match;
            }
            used.add(name);
            return value;
        }));
    return { texts: filled, missing: [...missing], unused: [...vars.keys()].filter(name => !used.has(name)) };
}
/** The sentence for placeholders without a value; `where` names the texts, e.g. "'prompt' and 'system'". */
function missingVarsError(missing, where, varsInput) {
    const list = missing.map(name => `'${name}'`).join(', ');
    return new input_error/* RequestInputError */.y(`${where} ${missing.length === 1 ? 'uses a placeholder' : 'use placeholders'} with no value in '${varsInput}': ${list}. ` +
        `Give ${missing.length === 1 ? 'it a value' : 'each a value'} in '${varsInput}' (e.g. '${missing[0]}: …').`);
}

;// CONCATENATED MODULE: ./src/request/prompt-yml.ts





const IGNORED_FIELDS = ['name', 'description', 'testData', 'evaluators'];
const FIELDS = ['messages', 'model', 'modelParameters', 'responseFormat', 'jsonSchema', ...IGNORED_FIELDS];
const PARAMETERS = ['maxTokens', 'maxCompletionTokens', 'stop'];
/**
 * Sampling parameters nearly every GitHub Models file sets, which the API version the SDK sends
 * removed (SAMPLING_REMOVED). The file is shared with other tools (`gh models`, ai-inference), so
 * they are dropped with a warning, not refused: the `temperature` input, which the workflow's
 * author wrote for this action, is still refused (inputs/read.ts).
 */
const REMOVED_PARAMETERS = ['temperature', 'topP', 'topK'];
const list = (names) => names.map(name => `'${name}'`).join(', ');
/** The file's text as YAML; `label` names it in errors, e.g. "Input 'prompt-yml' ('x.prompt.yml')". */
function parsePromptYml(text, label, yaml) {
    return strictDocument(yaml, text, first => `${label} is not valid YAML (${first}).`).toJS();
}
/** The file (parsed YAML) as a request; every problem is a RequestInputError naming the field. */
function mapPromptYml(file, label, vars, varsInput) {
    if (!(0,record/* isRecord */.u)(file)) {
        throw new input_error/* RequestInputError */.y(`${label} does not hold a mapping. Expected a .prompt.yml with a 'messages' list.`);
    }
    const unsupported = Object.keys(file).filter(key => !FIELDS.includes(key));
    if (unsupported.length > 0) {
        throw new input_error/* RequestInputError */.y(`${label} has ${unsupported.length === 1 ? 'a field' : 'fields'} this action does not support: ${list(unsupported)}. ` +
            `Supported: ${list(FIELDS.slice(0, 5))}; ${list(IGNORED_FIELDS)} are ignored.`);
    }
    return {
        ...messagesOf(file.messages, label, vars, varsInput),
        ...modelOf(file.model, label),
        ...parametersOf(file.modelParameters, label),
        ...schemaOf(file.responseFormat, file.jsonSchema, label)
    };
}
function messagesOf(value, label, vars, varsInput) {
    if (!Array.isArray(value) || value.length === 0) {
        throw new input_error/* RequestInputError */.y(`${label}: 'messages' is missing or empty. Expected a list of {role, content}.`);
    }
    const raw = value.map((item, index) => {
        const at = `${label}: messages[${index}]`;
        if (!(0,record/* isRecord */.u)(item))
            throw new input_error/* RequestInputError */.y(`${at} is not a mapping. Expected {role, content}.`);
        const extra = Object.keys(item).filter(key => key !== 'role' && key !== 'content');
        if (extra.length > 0)
            throw new input_error/* RequestInputError */.y(`${at} has ${list(extra)}. Expected only 'role' and 'content'.`);
        const { role, content } = item;
        if (role !== 'system' && role !== 'user' && role !== 'assistant') {
            throw new input_error/* RequestInputError */.y(`${at} has role ${JSON.stringify(role)}. Expected 'system', 'user' or 'assistant'.`);
        }
        if (typeof content !== 'string') {
            throw new input_error/* RequestInputError */.y(`${at} has no text content. Expected 'content' to be a string.`);
        }
        return { role, content, index };
    });
    const firstTurn = raw.findIndex(message => message.role !== 'system');
    const lateSystem = raw.find((message, i) => message.role === 'system' && firstTurn !== -1 && i > firstTurn);
    if (lateSystem) {
        throw new input_error/* RequestInputError */.y(`${label}: messages[${lateSystem.index}] has role 'system' after the conversation started. System messages must come first (they become the request's 'system').`);
    }
    const filled = fillTemplates(raw.map(message => message.content), vars);
    if (filled.missing.length > 0)
        throw missingVarsError(filled.missing, `${label}:`, varsInput);
    const texts = raw.map((message, i) => ({ ...message, content: filled.texts[i] }));
    const empty = texts.find(message => message.content.trim() === '');
    if (empty)
        throw new input_error/* RequestInputError */.y(`${label}: messages[${empty.index}] is empty (after filling vars).`);
    const turns = texts.filter((message) => message.role !== 'system');
    if (turns.length === 0)
        throw new input_error/* RequestInputError */.y(`${label}: 'messages' has no user turn.`);
    checkOrder(turns, label, { role: 'user', why: 'The conversation must end with the user turn that Claude answers.' });
    const systems = texts.filter(message => message.role === 'system').map(message => message.content);
    return {
        system: systems.length > 0 ? systems.join('\n\n') : undefined,
        messages: turns.map(({ role, content }) => ({ role, content })),
        unusedVars: filled.unused
    };
}
function modelOf(value, label) {
    if (value === undefined || value === null)
        return {};
    if (typeof value !== 'string' || !/^claude-[A-Za-z0-9._-]+$/.test(value)) {
        throw new input_error/* RequestInputError */.y(`${label}: 'model' is ${JSON.stringify(value)}, which is not a Claude model (GitHub Models names such as 'openai/gpt-4o' are not). ` +
            `Expected a Claude model name such as 'claude-sonnet-5-5', or no 'model' field to use the action's 'model' input.`);
    }
    return { model: value };
}
function parametersOf(value, label) {
    if (value === undefined || value === null)
        return {};
    const at = `${label}: 'modelParameters'`;
    if (!(0,record/* isRecord */.u)(value)) {
        const kind = Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : JSON.stringify(value);
        throw new input_error/* RequestInputError */.y(`${at} is ${kind}. Expected a mapping of maxTokens (or maxCompletionTokens) and stop, e.g. 'maxTokens: 500'.`);
    }
    const droppedParameters = Object.keys(value).filter(key => REMOVED_PARAMETERS.includes(key));
    const unsupported = Object.keys(value).filter(key => !PARAMETERS.includes(key) && !REMOVED_PARAMETERS.includes(key));
    if (unsupported.length > 0) {
        throw new input_error/* RequestInputError */.y(`${at} has ${list(unsupported.map(key => `modelParameters.${key}`))}, which this action does not support. Supported: ${list(PARAMETERS)}.`);
    }
    const { maxTokens, maxCompletionTokens, stop } = value;
    if (maxTokens !== undefined && maxCompletionTokens !== undefined) {
        throw new input_error/* RequestInputError */.y(`${at} sets both 'maxTokens' and 'maxCompletionTokens'. Give one of them.`);
    }
    const tokens = maxCompletionTokens ?? maxTokens;
    const tokensName = maxCompletionTokens !== undefined ? 'maxCompletionTokens' : 'maxTokens';
    if (tokens !== undefined && !(Number.isSafeInteger(tokens) && tokens >= 1)) {
        throw new input_error/* RequestInputError */.y(`${at}.${tokensName} is ${JSON.stringify(tokens)}. Expected an integer >= 1.`);
    }
    return {
        ...(droppedParameters.length > 0 ? { droppedParameters } : {}),
        ...(tokens !== undefined ? { maxTokens: tokens } : {}),
        ...(stop !== undefined ? { stopSequences: stopOf(stop, at) } : {})
    };
}
function stopOf(stop, at) {
    const sequences = typeof stop === 'string' ? [stop] : stop;
    if (!Array.isArray(sequences) || sequences.some(s => typeof s !== 'string' || s.trim() === '')) {
        throw new input_error/* RequestInputError */.y(`${at}.stop is ${JSON.stringify(stop)}. Expected a string or a list of strings, none of them blank.`);
    }
    return sequences;
}
function schemaOf(format, jsonSchema, label) {
    if (format === undefined || format === null || format === 'text') {
        if (jsonSchema !== undefined && jsonSchema !== null) {
            throw new input_error/* RequestInputError */.y(`${label}: 'jsonSchema' is given but 'responseFormat' is not 'json_schema'. Set 'responseFormat: json_schema', or remove 'jsonSchema'.`);
        }
        return {};
    }
    if (format !== 'json_schema') {
        throw new input_error/* RequestInputError */.y(`${label}: 'responseFormat' is ${JSON.stringify(format)}, which this action does not support. ` +
            `Expected 'text' or 'json_schema' (with 'jsonSchema'); Claude has no JSON mode without a schema${format === 'json_object' ? ", so 'json_object' needs a schema" : ''}.`);
    }
    let parsed = jsonSchema;
    if (typeof jsonSchema === 'string') {
        try {
            parsed = JSON.parse(jsonSchema);
        }
        catch (error) {
            throw new input_error/* RequestInputError */.y(`${label}: 'jsonSchema' is not valid JSON (${error.message}).`);
        }
    }
    if (!(0,record/* isRecord */.u)(parsed) || !(0,record/* isRecord */.u)(parsed.schema)) {
        throw new input_error/* RequestInputError */.y(`${label}: 'responseFormat' is 'json_schema', so 'jsonSchema' must hold {"name": …, "schema": {…}} (JSON text or a mapping); its 'schema' object is missing.`);
    }
    return { jsonSchema: parsed.schema };
}

;// CONCATENATED MODULE: ./src/request/prompt-line.ts




/**
 * The Message Batches `custom_id` rule (the API answers 400 with "custom_id must match
 * ^[a-zA-Z0-9_-]{1,64}$"), so one id serves direct and batch mode alike.
 */
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The fields a line may hold. */
const LINE_FIELDS = ['id', 'prompt', 'messages', 'system', 'model', 'max-tokens', 'vars'];
function parseLine(raw, number, defaults) {
    let value;
    try {
        value = JSON.parse(raw);
    }
    catch (error) {
        throw new input_error/* RequestInputError */.y(`not valid JSON (${error.message})`);
    }
    if (!(0,record/* isRecord */.u)(value)) {
        throw new input_error/* RequestInputError */.y(`is ${describe(value)}, not a JSON object`);
    }
    const fields = value;
    const unknown = Object.keys(fields).filter(k => !LINE_FIELDS.includes(k));
    if (unknown.length > 0) {
        const hint = unknown.includes('max_tokens') ? " (did you mean 'max-tokens'?)" : '';
        throw new input_error/* RequestInputError */.y(`unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map(k => `'${k}'`).join(', ')}${hint}; a line may hold ${LINE_FIELDS.map(k => `'${k}'`).join(', ')}`);
    }
    const id = fields.id;
    if (typeof id !== 'string' || !ITEM_ID.test(id)) {
        throw new input_error/* RequestInputError */.y(`'id' is ${typeof id === 'string' ? `'${id.slice(0, 80)}'` : describe(id)}; expected 1 to 64 characters of A-Z a-z 0-9 _ - (the Message Batches custom_id rule)`);
    }
    const prompt = optionalText(fields, 'prompt');
    const system = optionalString(fields, 'system');
    const model = optionalText(fields, 'model');
    if (model !== undefined && /\s/.test(model))
        throw new input_error/* RequestInputError */.y(`'model' '${model}' has spaces`);
    const maxTokens = fields['max-tokens'];
    if (maxTokens !== undefined && (typeof maxTokens !== 'number' || !Number.isSafeInteger(maxTokens) || maxTokens < 1)) {
        throw new input_error/* RequestInputError */.y(`'max-tokens' is ${JSON.stringify(maxTokens)}; expected an integer >= 1`);
    }
    if (maxTokens !== undefined && defaults.thinkingBudget !== undefined && maxTokens <= defaults.thinkingBudget) {
        throw new input_error/* RequestInputError */.y(`'max-tokens' ${maxTokens} is not above the thinking budget ${defaults.thinkingBudget}; the API requires budget_tokens < max_tokens`);
    }
    if (prompt === undefined && fields.messages === undefined) {
        throw new input_error/* RequestInputError */.y(`has neither 'prompt' nor 'messages'; give one of them (or both: the prompt follows the turns)`);
    }
    // Templates: the line's prompt and system (or the `system` input), filled from the inputs' vars
    // and the line's own; without any vars nothing is templated (as with the `prompt` input).
    const vars = mergedVars(defaults.vars, fields.vars);
    const systemText = system === undefined ? defaults.system : system === '' ? undefined : system;
    const templatedSystem = system !== undefined || defaults.systemIsTemplate !== false;
    let texts = [prompt, templatedSystem ? systemText : undefined];
    if (vars !== undefined) {
        const filled = fillTemplates(texts, vars);
        if (filled.missing.length > 0) {
            throw new input_error/* RequestInputError */.y(`placeholder${filled.missing.length === 1 ? '' : 's'} ${filled.missing.map(n => `'{{${n}}}'`).join(', ')} with no value in the line's 'vars' or the 'vars' input`);
        }
        texts = filled.texts;
    }
    const [filledPrompt, filledTemplate] = texts;
    const filledSystem = templatedSystem ? filledTemplate : systemText;
    const question = filledPrompt === undefined ? undefined : { text: filledPrompt, input: 'prompt' };
    const messages = fields.messages === undefined
        ? [{ role: 'user', content: filledPrompt }]
        : conversationFrom(fields.messages, "'messages'", question);
    return {
        id,
        line: number,
        messages,
        system: filledSystem ?? null,
        ...(model !== undefined ? { model } : {}),
        ...(maxTokens !== undefined ? { maxTokens: maxTokens } : {})
    };
}
function optionalString(fields, name) {
    const value = fields[name];
    if (value === undefined)
        return undefined;
    if (typeof value !== 'string')
        throw new input_error/* RequestInputError */.y(`'${name}' is ${describe(value)}; expected a string`);
    return value;
}
function optionalText(fields, name) {
    const value = optionalString(fields, name);
    if (value !== undefined && value.trim() === '')
        throw new input_error/* RequestInputError */.y(`'${name}' is empty`);
    return value;
}
/** The inputs' vars, then the line's (a JSON object of names to values; values as the `vars` input makes them). */
function mergedVars(base, own) {
    if (own === undefined)
        return base;
    if (!(0,record/* isRecord */.u)(own)) {
        throw new input_error/* RequestInputError */.y(`'vars' is ${describe(own)}; expected an object of names to values`);
    }
    const vars = new Map(base ?? []);
    for (const [name, value] of Object.entries(own)) {
        if (!VAR_NAME.test(name)) {
            throw new input_error/* RequestInputError */.y(`'vars' has the key '${name.slice(0, 80)}', which is not a var name (a letter or '_', then letters, digits, '_', '.', '-')`);
        }
        vars.set(name, value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
    }
    return vars;
}

;// CONCATENATED MODULE: ./src/request/prompts-file.ts



/** How many bad lines the error lists before "and N more". */
const MAX_LISTED_ERRORS = 20;
/**
 * The checked lines of a prompts file, held compactly: the file's text once and, for each line,
 * where it is and its id. A line is parsed again when it is asked for (its request is built
 * only when it is sent), so a run over 100,000 prompts holds their text and an id each, not
 * 100,000 request objects from start to end. Iterating yields every line's PromptLine.
 */
class PromptLines {
    text;
    defaults;
    starts;
    ends;
    numbers;
    ids;
    constructor(text, defaults, 
    /** Each line's start and end offsets in `text`, and its 1-based number. */
    starts, ends, numbers, ids) {
        this.text = text;
        this.defaults = defaults;
        this.starts = starts;
        this.ends = ends;
        this.numbers = numbers;
        this.ids = ids;
    }
    /** No lines (batch-ids collected without a prompts-file). */
    static none = new PromptLines('', { system: undefined, vars: undefined, thinkingBudget: undefined, label: '' }, new Uint32Array(0), new Uint32Array(0), new Uint32Array(0), []);
    get length() {
        return this.ids.length;
    }
    id(index) {
        return this.ids[index];
    }
    /** Line `index` (0-based among these lines), parsed again: it was checked when the file was read. */
    line(index) {
        const raw = this.text.slice(this.starts[index], this.ends[index]);
        return parseLine(raw, this.numbers[index], this.defaults);
    }
    /** The lines whose id `keep` accepts, in file order (a shard, or the ones a resume still sends). */
    where(keep) {
        const kept = [];
        for (let i = 0; i < this.ids.length; i++)
            if (keep(this.ids[i]))
                kept.push(i);
        if (kept.length === this.ids.length)
            return this;
        const pick = (from) => Uint32Array.from(kept, i => from[i]);
        const ids = kept.map(i => this.ids[i]);
        return new PromptLines(this.text, this.defaults, pick(this.starts), pick(this.ends), pick(this.numbers), ids);
    }
    *[Symbol.iterator]() {
        for (let i = 0; i < this.ids.length; i++)
            yield this.line(i);
    }
    /**
     * Every line of `text` checked; throws one RequestInputError listing the bad lines (up to
     * MAX_LISTED_ERRORS, then how many more). Blank lines are skipped but keep their numbers.
     */
    static parse(text, defaults) {
        const starts = [];
        const ends = [];
        const numbers = [];
        const ids = [];
        const errors = [];
        const seen = new Map();
        for (let number = 1, start = 0, end; start <= text.length; number++, start = end + 1) {
            end = text.indexOf('\n', start);
            if (end === -1)
                end = text.length;
            const raw = text.slice(start, end);
            if (raw.trim() === '')
                continue;
            try {
                const { id } = parseLine(raw, number, defaults);
                const first = seen.get(id);
                if (first !== undefined)
                    throw new input_error/* RequestInputError */.y(`id '${id}' is already used on line ${first}`);
                seen.set(id, number);
                starts.push(start);
                ends.push(end);
                numbers.push(number);
                ids.push(id);
            }
            catch (error) {
                if (!(error instanceof input_error/* RequestInputError */.y))
                    throw error;
                errors.push(`line ${number}: ${error.message}`);
            }
        }
        if (errors.length > 0) {
            const listed = errors.slice(0, MAX_LISTED_ERRORS);
            const more = errors.length - listed.length;
            throw new input_error/* RequestInputError */.y(`${defaults.label} has ${(0,util_text/* plural */.LS)(errors.length, 'bad line')}; no request was sent:\n` +
                listed.map(e => `  ${e}`).join('\n') +
                (more > 0 ? `\n  and ${more} more` : '') +
                `\nEach line is one JSON object: {"id": "a-1", "prompt": "…"} with optional "messages", "system", "model", "max-tokens" and "vars".`);
        }
        if (ids.length === 0)
            throw new input_error/* RequestInputError */.y(`${defaults.label} holds no lines. Expected one JSON object per line.`);
        const typed = (values) => Uint32Array.from(values);
        return new PromptLines(text, defaults, typed(starts), typed(ends), typed(numbers), ids);
    }
}

;// CONCATENATED MODULE: ./src/request/shard.ts
/**
 * request/: the shard rule (`shard: k/n`): which items of a prompts-file one job of a matrix takes.
 */
function parseShard(text) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    if (!match)
        return undefined;
    const index = Number(match[1]);
    const count = Number(match[2]);
    if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
        return undefined;
    return { index, count };
}
/**
 * Shard k of n takes the items whose id hashes (FNV-1a, 32 bits) to k-1 modulo n. By id, not by
 * line number: an item's shard depends on nothing but its id, so adding, removing or reordering
 * lines never moves an item to another shard. A shard's cached results-file stays valid across
 * such edits, and merged shards never hold an id twice. The price: shards differ in size by a few
 * percent (a binomial spread) instead of by at most one item.
 */
function inShard(id, shard) {
    return shardOf(id, shard.count) === shard.index;
}
/** 1-based shard of `id` among `count`. */
function shardOf(id, count) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) {
        hash ^= id.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return (hash % count) + 1;
}

;// CONCATENATED MODULE: ./src/inputs/many.ts
/**
 * The many-prompts inputs: prompts-file (read under the file rule, every line checked by
 * request/prompts-file.ts before any request), results-file, resume, concurrency, mode,
 * batch-wait, batch-ids and shard. With prompts-file the other inputs are the defaults a line
 * overrides; the inputs that ask one question (prompt, prompt-file, messages, prompt-yml) are
 * refused, and so are the ones that only make sense for one answer.
 */








/**
 * A prompts-file may be far larger than one request: up to 100,000 lines (the Message Batches
 * limit per batch) of about a kilobyte. Its text is held once for the run (PromptLines).
 */
const MAX_PROMPTS_FILE_BYTES = 128 * 1024 * 1024;
/** More workers than this only queue behind the same rate limit (and the runner's sockets). */
const MAX_CONCURRENCY = 64;
const given = (source, name) => source.getInput(name).trim() !== '';
/** prompts-file or batch-ids is given: the step runs many prompts. */
function manyGiven(source) {
    return given(source, input_names/* Inputs */.G0.promptsFile) || given(source, input_names/* Inputs */.G0.batchIds);
}
/** What askedInputs returns with prompts-file: no conversation of its own, the system input as written (a template). */
function manyAsked(source) {
    const conflicting = [input_names/* Inputs */.G0.prompt, input_names/* Inputs */.G0.promptFile, input_names/* Inputs */.G0.messages, input_names/* Inputs */.G0.promptYml].filter(n => given(source, n));
    if (conflicting.length > 0) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.promptsFile}' (or '${input_names/* Inputs */.G0.batchIds}') holds the requests, so ${conflicting.map(n => `'${n}'`).join(' and ')} cannot be given with it. ` +
            `Put each request on its own line of the prompts file: {"id": "…", "prompt": "…"}.`);
    }
    return { system: (0,inputs_read/* textOrFile */.r5)(source, input_names/* Inputs */.G0.system, input_names/* Inputs */.G0.systemFile)?.text };
}
/** The many-prompts settings, every line checked; undefined without prompts-file and batch-ids. */
function manyInputs(source, context) {
    if (!manyGiven(source)) {
        const stray = [input_names/* Inputs */.G0.resultsFile, input_names/* Inputs */.G0.shard].filter(n => given(source, n));
        if (stray.length > 0) {
            throw new inputs_read/* ConfigError */.xL(`${stray.map(n => `'${n}'`).join(' and ')} ${stray.length === 1 ? 'works' : 'work'} only with '${input_names/* Inputs */.G0.promptsFile}' (or '${input_names/* Inputs */.G0.batchIds}').`);
        }
        return undefined;
    }
    const problems = new InputProblems();
    // max-cost-usd bounds one answer's attempts from its counted prompt; a run counts no prompt.
    for (const name of [input_names/* Inputs */.G0.commentOn, input_names/* Inputs */.G0.maxInputTokens, input_names/* Inputs */.G0.maxCostUsd]) {
        const value = source.getInput(name).trim();
        if (value !== '' && value !== 'none') {
            problems.check(() => {
                throw new inputs_read/* ConfigError */.xL(`Input '${name}' cannot be used with '${input_names/* Inputs */.G0.promptsFile}': it is about one answer (got '${value}'). Remove it.`);
            }, undefined);
        }
    }
    const roots = (0,file_rule/* inputFileRoots */.S3)(source.env);
    const resultsGiven = source.getInput(input_names/* Inputs */.G0.resultsFile).trim();
    const resume = problems.check(() => (0,inputs_read/* booleanInput */.tE)(source, input_names/* Inputs */.G0.resume, input_names/* Defaults */.Hw.resume), input_names/* Defaults */.Hw.resume);
    const shardText = source.getInput(input_names/* Inputs */.G0.shard).trim();
    const shard = shardText === '' ? undefined : parseShard(shardText);
    if (shardText !== '' && !shard) {
        problems.check(() => {
            throw (0,inputs_read/* invalid */.Gq)(input_names/* Inputs */.G0.shard, shardText, "'k/n' with 1 <= k <= n, e.g. '2/4'");
        }, undefined);
    }
    const concurrency = problems.check(() => concurrencyInput(source), input_names/* Defaults */.Hw.concurrency);
    const mode = problems.check(() => (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.mode, input_names/* MANY_MODES */.Vs, input_names/* Defaults */.Hw.mode), input_names/* Defaults */.Hw.mode);
    const batchWait = problems.check(() => (0,inputs_read/* booleanInput */.tE)(source, input_names/* Inputs */.G0.batchWait, input_names/* Defaults */.Hw.batchWait), input_names/* Defaults */.Hw.batchWait);
    const batchIds = problems.check(() => batchIdsInput(source), []);
    if (resume && resultsGiven === '') {
        problems.check(() => {
            throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.resume}' is 'true' but '${input_names/* Inputs */.G0.resultsFile}' is empty: a new file under RUNNER_TEMP never holds earlier results. ` +
                `Give '${input_names/* Inputs */.G0.resultsFile}' a path (restored by actions/cache or an artifact).`);
        }, undefined);
    }
    const promptsFile = source.getInput(input_names/* Inputs */.G0.promptsFile).trim() || undefined;
    const lines = promptsFile === undefined
        ? PromptLines.none
        : problems.check(() => promptLines(source, promptsFile, roots, context), PromptLines.none);
    problems.throwIfAny();
    return {
        promptsFile,
        lines: shard ? lines.where(id => inShard(id, shard)) : lines,
        fileLines: lines.length,
        resultsFile: resultsGiven === '' ? undefined : external_node_path_default().resolve(roots.base, resultsGiven),
        roots,
        resume,
        concurrency,
        mode,
        batchWait,
        batchIds,
        shard
    };
}
/** Each line of the prompts file, checked (with the system template, vars and thinking budget it is filled from). */
function promptLines(source, file, roots, context) {
    try {
        const text = (0,file_rule/* readInputFile */.jH)(input_names/* Inputs */.G0.promptsFile, file, roots, MAX_PROMPTS_FILE_BYTES);
        return PromptLines.parse(text, {
            system: context.system,
            systemIsTemplate: !given(source, input_names/* Inputs */.G0.systemFile),
            vars: context.vars,
            thinkingBudget: context.thinking?.type === 'enabled' ? context.thinking.budget_tokens : undefined,
            label: `Input '${input_names/* Inputs */.G0.promptsFile}' ('${file}')`
        });
    }
    catch (error) {
        if (error instanceof input_error/* RequestInputError */.y || error instanceof file_rule/* InputFileError */.TH)
            throw new inputs_read/* ConfigError */.xL(error.message);
        throw error;
    }
}
function concurrencyInput(source) {
    const concurrency = (0,inputs_read/* integerInput */.$A)(source, input_names/* Inputs */.G0.concurrency, input_names/* Defaults */.Hw.concurrency, 1);
    if (concurrency > MAX_CONCURRENCY)
        invalidConcurrency(concurrency);
    return concurrency;
}
function invalidConcurrency(value) {
    throw (0,inputs_read/* invalid */.Gq)(input_names/* Inputs */.G0.concurrency, String(value), `an integer from 1 to ${MAX_CONCURRENCY}`);
}
const BATCH_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Comma- or newline-separated Message Batch ids, without repeats. */
function batchIdsInput(source) {
    const expected = "Message Batch ids such as 'msgbatch_01…', separated by commas or new lines";
    return (0,inputs_read/* listInput */.dt)(source, input_names/* Inputs */.G0.batchIds, id => BATCH_ID.test(id), expected);
}

;// CONCATENATED MODULE: ./src/inputs/prompt-inputs.ts









async function askedInputs(source) {
    try {
        const varsText = source.getInput(input_names/* Inputs */.G0.vars);
        const vars = varsText.trim() === '' ? undefined : parseVars(varsText, input_names/* Inputs */.G0.vars, await loadYaml());
        // With prompts-file each line asks its own question; the system input stays a template for them.
        if (manyGiven(source)) {
            return { conversation: { messages: [], unusedVars: [], sampling: {} }, ...manyAsked(source), file: {}, vars };
        }
        const ymlPath = source.getInput(input_names/* Inputs */.G0.promptYml).trim();
        const asked = ymlPath === '' ? await fromInputs(source, vars) : await fromPromptYml(source, ymlPath, vars);
        return { ...asked, vars };
    }
    catch (error) {
        if (error instanceof input_error/* RequestInputError */.y || error instanceof file_rule/* InputFileError */.TH)
            throw new inputs_read/* ConfigError */.xL(error.message);
        throw error;
    }
}
/** Fills the templates among `texts` (never file text); missing placeholders fail, naming where they are. */
function fill(texts, vars) {
    if (vars === undefined)
        return { texts, unused: [] };
    const isTemplate = (t) => t !== undefined && !t.fromFile;
    const filled = fillTemplates(texts.map(t => (isTemplate(t) ? t.text : undefined)), vars);
    if (filled.missing.length > 0) {
        const templates = texts.filter(isTemplate);
        const where = templates.filter(t => placeholders(t.text).some(name => filled.missing.includes(name)));
        const names = where.map(t => `'${t.input}'`).join(' and ');
        throw missingVarsError(filled.missing, where.length === 1 ? `Input ${names}` : `Inputs ${names}`, input_names/* Inputs */.G0.vars);
    }
    return {
        texts: texts.map((t, i) => (isTemplate(t) ? { ...t, text: filled.texts[i] } : t)),
        unused: filled.unused
    };
}
async function fromInputs(source, vars) {
    const messagesText = source.getInput(input_names/* Inputs */.G0.messages);
    const given = fill([(0,inputs_read/* textOrFile */.r5)(source, input_names/* Inputs */.G0.prompt, input_names/* Inputs */.G0.promptFile), (0,inputs_read/* textOrFile */.r5)(source, input_names/* Inputs */.G0.system, input_names/* Inputs */.G0.systemFile)], vars);
    const [prompt, system] = given.texts;
    let messages;
    if (messagesText.trim() !== '') {
        const label = `Input '${input_names/* Inputs */.G0.messages}'`;
        const question = prompt && { text: prompt.text, input: prompt.input };
        messages = conversationFrom(parseMessages(messagesText, label, await loadYaml()), label, question);
    }
    else if (prompt) {
        messages = [{ role: 'user', content: prompt.text }];
    }
    else {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.prompt}' is required: give the message in '${input_names/* Inputs */.G0.prompt}', or a path to a file holding it in '${input_names/* Inputs */.G0.promptFile}' ` +
            `(or a conversation in '${input_names/* Inputs */.G0.messages}', or a GitHub Models prompt file in '${input_names/* Inputs */.G0.promptYml}').`, [input_names/* Inputs */.G0.prompt, input_names/* Inputs */.G0.promptFile, input_names/* Inputs */.G0.messages, input_names/* Inputs */.G0.promptYml]);
    }
    return {
        conversation: { messages, unusedVars: given.unused, sampling: {} },
        system: system?.text,
        file: {}
    };
}
async function fromPromptYml(source, ymlPath, vars) {
    const conflicting = [input_names/* Inputs */.G0.prompt, input_names/* Inputs */.G0.promptFile, input_names/* Inputs */.G0.messages].filter(n => source.getInput(n).trim() !== '');
    if (conflicting.length > 0) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.promptYml}' holds the whole conversation, so ${conflicting.map(n => `'${n}'`).join(' and ')} cannot be given with it. ` +
            `Put the turns in the file's 'messages', and pass values into its {{placeholders}} with '${input_names/* Inputs */.G0.vars}'.`);
    }
    const label = `Input '${input_names/* Inputs */.G0.promptYml}' ('${ymlPath}')`;
    const text = (0,file_rule/* readInputFile */.jH)(input_names/* Inputs */.G0.promptYml, ymlPath, (0,file_rule/* inputFileRoots */.S3)(source.env));
    const file = mapPromptYml(parsePromptYml(text, label, await loadYaml()), label, vars ?? new Map(), input_names/* Inputs */.G0.vars);
    const systemInput = (0,inputs_read/* textOrFile */.r5)(source, input_names/* Inputs */.G0.system, input_names/* Inputs */.G0.systemFile);
    if (file.system !== undefined && systemInput) {
        throw new inputs_read/* ConfigError */.xL(`${label} has a system message, and '${systemInput.input}' was given too. Keep one of them: the file's system message, or the input (and no system message in the file).`);
    }
    const schemaInput = [input_names/* Inputs */.G0.jsonSchema, input_names/* Inputs */.G0.jsonSchemaFile].find(n => source.getInput(n).trim() !== '');
    if (file.jsonSchema && schemaInput) {
        throw new inputs_read/* ConfigError */.xL(`${label} sets 'responseFormat: json_schema' with its own 'jsonSchema', and '${schemaInput}' was given too. Keep one schema.`);
    }
    if (file.stopSequences !== undefined && source.getInput(input_names/* Inputs */.G0.stopSequences).trim() !== '') {
        throw new inputs_read/* ConfigError */.xL(`${label} sets 'modelParameters.stop', and '${input_names/* Inputs */.G0.stopSequences}' was given too. Keep one of them.`);
    }
    const { texts, unused } = fill([systemInput], vars);
    const systemTemplated = vars !== undefined && systemInput !== undefined && !systemInput.fromFile;
    const { model, maxTokens, jsonSchema, stopSequences, droppedParameters } = file;
    return {
        conversation: {
            messages: file.messages,
            droppedParameters,
            // A var is unused only if neither the file nor the `system` input used it.
            unusedVars: systemTemplated ? file.unusedVars.filter(name => unused.includes(name)) : file.unusedVars,
            sampling: {
                ...(stopSequences !== undefined ? { stop_sequences: stopSequences } : {})
            }
        },
        system: file.system ?? texts[0]?.text,
        file: { model, maxTokens, jsonSchema }
    };
}

// EXTERNAL MODULE: ./src/cost/prices.ts
var prices = __webpack_require__(51295);
;// CONCATENATED MODULE: ./src/inputs/cost.ts






const REQUIRED = ['input', 'output', 'cache_read', 'cache_write'];
/** The prices and the limit; `models` are those the step may call (the model, then the fallbacks). */
function costInputs(source, models) {
    const problems = new InputProblems();
    const overrides = problems.check(() => pricesInput(source), undefined);
    const maxUsd = problems.check(() => maxCostInput(source), undefined);
    const book = { overrides: overrides ?? {} };
    // Across the two: only when both are valid (else the missing price may be in the invalid prices).
    if (maxUsd !== undefined && overrides !== undefined)
        problems.check(() => needPrices(models, book), undefined);
    problems.throwIfAny();
    return { book, maxUsd };
}
function maxCostInput(source) {
    const raw = source.getInput(input_names/* Inputs */.G0.maxCostUsd).trim();
    if (raw === '')
        return undefined;
    const maxUsd = Number(raw);
    if (!inputs_read/* DECIMAL */.SC.test(raw) || !Number.isFinite(maxUsd) || maxUsd <= 0) {
        throw (0,inputs_read/* invalid */.Gq)(input_names/* Inputs */.G0.maxCostUsd, raw, 'a number of US dollars > 0, e.g. 0.50');
    }
    return maxUsd;
}
function needPrices(models, book) {
    const unpriced = models.find(model => !(0,prices/* priceOf */.xx)(model, book));
    if (unpriced !== undefined) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.maxCostUsd}' is set, but no price is known for model '${(0,util_text/* clip */.$Q)(unpriced, 200)}', so the guard cannot work. ` +
            `Give its price in '${input_names/* Inputs */.G0.prices}' (USD per million tokens), e.g. ` +
            `{"${(0,util_text/* clip */.$Q)(unpriced, 200)}": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75}}.`);
    }
}
function pricesInput(source) {
    const text = source.getInput(input_names/* Inputs */.G0.prices).trim();
    if (text === '')
        return {};
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.prices}' is not valid JSON (${error.message}). Expected an object such as ` +
            `{"claude-sonnet-5-5": {"input": 2, "output": 10, "cache_read": 0.2, "cache_write": 2.5}}.`);
    }
    if (!(0,record/* isRecord */.u)(parsed)) {
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.prices}' is not a JSON object mapping model names to prices.`);
    }
    // fromEntries defines own properties: a model named "__proto__" cannot touch a prototype.
    return Object.fromEntries(Object.entries(parsed).map(([model, price]) => [model, checkPrice(model, price)]));
}
function checkPrice(model, value) {
    const where = `Input '${input_names/* Inputs */.G0.prices}', model '${(0,util_text/* clip */.$Q)(model, 200)}'`;
    if (model.trim() === '' || /\s/.test(model))
        throw new inputs_read/* ConfigError */.xL(`${where}: a model name has no spaces.`);
    if (!(0,record/* isRecord */.u)(value)) {
        throw new inputs_read/* ConfigError */.xL(`${where}: expected an object with ${prices/* PRICE_FIELDS */.IW.join(', ')} (USD per million tokens).`);
    }
    const unknown = Object.keys(value).find(field => !prices/* PRICE_FIELDS */.IW.includes(field));
    if (unknown !== undefined) {
        throw new inputs_read/* ConfigError */.xL(`${where}: unknown field '${(0,util_text/* clip */.$Q)(unknown, 100)}'. The fields are ${prices/* PRICE_FIELDS */.IW.join(', ')} (cache_write_1h optional).`);
    }
    for (const field of REQUIRED) {
        if (!(field in value))
            throw new inputs_read/* ConfigError */.xL(`${where}: field '${field}' is missing (USD per million tokens).`);
    }
    for (const [field, amount] of Object.entries(value)) {
        if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
            throw new inputs_read/* ConfigError */.xL(`${where}: field '${field}' is ${(0,util_text/* clip */.$Q)(JSON.stringify(amount) ?? String(amount), 100)}. Expected a number >= 0 (USD per million tokens).`);
        }
    }
    return value;
}

// EXTERNAL MODULE: ./src/inputs/federation.ts
var inputs_federation = __webpack_require__(57364);
// EXTERNAL MODULE: ./src/inputs/headers.ts
var inputs_headers = __webpack_require__(6427);
// EXTERNAL MODULE: ./src/inputs/proxy-env.ts
var proxy_env = __webpack_require__(26659);
;// CONCATENATED MODULE: ./src/inputs/vertex-inputs.ts
/**
 * The Google Vertex AI inputs: project, region and an optional access token, read and checked
 * before any request. Where they come from when the inputs are empty is what
 * google-github-actions/auth and the Vertex SDK leave in the environment.
 */



/** The SDK's own variable and Claude Code's, then the one google-github-actions/auth sets. */
const PROJECT_VARIABLES = ['ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_CLOUD_PROJECT'];
/** The SDK's own variable (Claude Code reads it too). */
const REGION_VARIABLES = ['CLOUD_ML_REGION'];
/**
 * A project ID: 6 to 30 lower-case letters, digits and hyphens, starting with a letter and not
 * ending with a hyphen; old domain-scoped projects carry a `domain:` prefix (example.com:my-app).
 */
const PROJECT_ID = /^(?:[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/**
 * A region as Google names them (area-direction + digit: us-east5, northamerica-northeast1), or a
 * multi-region endpoint the SDK knows. The region becomes part of the API's host name
 * (https://{region}-aiplatform.googleapis.com), so nothing else may pass: a value such as
 * `evil.example/x?` would send the access token to another host.
 */
const REGION = /^(?:global|us|eu|[a-z]+-[a-z]+[0-9]{1,2})$/;
/** An OAuth 2.0 bearer token (RFC 6750 b64token): it goes into a header as it is. */
const ACCESS_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/**
 * Reads and checks the Vertex inputs; call it only when the provider is vertex. `mock`:
 * mock-response sends no request, so a project and region that are not given are not needed
 * (a fork's run, where the login step is skipped); given ones are still checked.
 */
function vertexInputs(source, { mock } = { mock: false }) {
    const projectId = fromInputOrEnv(source, input_names/* Inputs */.G0.vertexProjectId, PROJECT_VARIABLES);
    const region = fromInputOrEnv(source, input_names/* Inputs */.G0.vertexRegion, REGION_VARIABLES);
    if (!projectId && !mock) {
        throw new inputs_read/* ConfigError */.xL(`No Vertex AI project: input '${input_names/* Inputs */.G0.vertexProjectId}' is empty and ${PROJECT_VARIABLES.join(' and ')} are not set. ` +
            `Give the Google Cloud project ID in '${input_names/* Inputs */.G0.vertexProjectId}', or give google-github-actions/auth a 'project_id' (it sets GOOGLE_CLOUD_PROJECT).`);
    }
    if (projectId && !PROJECT_ID.test(projectId.value)) {
        throw new inputs_read/* ConfigError */.xL(`${projectId.name} has invalid value '${(0,util_text/* clip */.$Q)(projectId.value, 200)}'. Expected a Google Cloud project ID ` +
            `(6 to 30 lower-case letters, digits and hyphens, starting with a letter, e.g. my-project-123), not its name or number.`);
    }
    if (!region && !mock) {
        throw new inputs_read/* ConfigError */.xL(`No Vertex AI region: input '${input_names/* Inputs */.G0.vertexRegion}' is empty and ${REGION_VARIABLES.join(' and ')} is not set. ` +
            `Give the region where the Claude model is enabled in '${input_names/* Inputs */.G0.vertexRegion}', e.g. us-east5, europe-west1 or global.`);
    }
    if (region && !REGION.test(region.value)) {
        throw new inputs_read/* ConfigError */.xL(`${region.name} has invalid value '${(0,util_text/* clip */.$Q)(region.value, 200)}'. Expected a Vertex AI region such as us-east5 or europe-west1, or global, us or eu.`);
    }
    const token = source.getInput(input_names/* Inputs */.G0.vertexAccessToken).trim();
    if (token !== '' && !ACCESS_TOKEN.test(token)) {
        // The value is a secret: never quoted.
        throw new inputs_read/* ConfigError */.xL(`Input '${input_names/* Inputs */.G0.vertexAccessToken}' is not an OAuth 2.0 access token (it holds spaces or other characters a bearer token cannot). ` +
            `Pass the 'access_token' output of google-github-actions/auth (with token_format: access_token), or leave it empty to use Application Default Credentials.`);
    }
    // Under mock both may be '': no client is built.
    return {
        projectId: projectId?.value ?? '',
        region: region?.value ?? '',
        accessToken: token === '' ? undefined : token
    };
}
/** The input, else the first environment variable set; with a name for error messages. */
function fromInputOrEnv(source, input, variables) {
    const value = source.getInput(input).trim();
    if (value !== '')
        return { value, name: `Input '${input}'` };
    for (const variable of variables) {
        const fromEnv = source.env[variable]?.trim();
        if (fromEnv)
            return { value: fromEnv, name: `${variable} (used because '${input}' is empty)` };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/inputs/provider.ts
/**
 * The `provider` input and what each provider needs, read and checked before any request.
 * Credentials come from the environment that the standard login actions leave behind
 * (aws-actions/configure-aws-credentials, google-github-actions/auth, azure/login): only their presence and shape are
 * checked here; src/providers/ builds the client from these settings.
 */



/** `mock`: mock-response is set, so no request is sent and no credential is needed. */
function providerInput(source, { mock }) {
    const name = (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.provider, input_names/* PROVIDERS */.xq, input_names/* Defaults */.Hw.provider);
    switch (name) {
        case 'anthropic':
            return { name };
        case 'bedrock':
            refuseTokenCount(source, name);
            return { name, region: awsRegion(source, mock), credentials: mock ? { kind: 'none' } : awsCredentials(source) };
        case 'vertex':
            return { name, ...vertexInputs(source, { mock }) };
        case 'foundry':
            return { name, resource: foundryResource(source, mock), auth: foundryAuth(source) };
    }
}
/**
 * Bedrock has no count-tokens endpoint. max-input-tokens is a limit on the count, and
 * max-cost-usd bounds each attempt's worst case with the counted input tokens: both need it.
 */
function refuseTokenCount(source, name) {
    for (const input of [input_names/* Inputs */.G0.maxInputTokens, input_names/* Inputs */.G0.maxCostUsd]) {
        if (source.getInput(input).trim() === '')
            continue;
        throw new inputs_read/* ConfigError */.xL(`Input '${input}' needs the count-tokens endpoint, which provider '${name}' does not offer. Leave '${input}' empty with '${input_names/* Inputs */.G0.provider}: ${name}'.`);
    }
}
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** aws-region, else AWS_REGION, else AWS_DEFAULT_REGION (configure-aws-credentials sets both). */
function awsRegion(source, mock) {
    const fromInput = source.getInput(input_names/* Inputs */.G0.awsRegion).trim();
    const region = fromInput || source.env.AWS_REGION?.trim() || source.env.AWS_DEFAULT_REGION?.trim() || '';
    if (region === '') {
        if (mock)
            return 'us-east-1';
        throw new inputs_read/* ConfigError */.xL(`Provider 'bedrock' needs a region: input '${input_names/* Inputs */.G0.awsRegion}' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set. Give e.g. '${input_names/* Inputs */.G0.awsRegion}: us-east-1', or set 'aws-region' in aws-actions/configure-aws-credentials.`);
    }
    if (!AWS_REGION.test(region)) {
        const name = fromInput ? input_names/* Inputs */.G0.awsRegion : 'AWS_REGION';
        throw (0,inputs_read/* invalid */.Gq)(name, region, 'an AWS region such as us-east-1 or eu-central-1');
    }
    return region;
}
/**
 * The keys aws-actions/configure-aws-credentials exports, or a Bedrock API key
 * (AWS_BEARER_TOKEN_BEDROCK). The SDK's own provider chain (profiles, instance roles) is not
 * used: it would reach for 169.254.169.254 and fail late; configure-aws-credentials covers
 * those cases and exports the keys.
 */
function awsCredentials(source) {
    const env = (name) => source.env[name]?.trim() || '';
    const accessKeyId = env('AWS_ACCESS_KEY_ID');
    const secretAccessKey = env('AWS_SECRET_ACCESS_KEY');
    if (accessKeyId !== '' && secretAccessKey !== '') {
        return { kind: 'keys', accessKeyId, secretAccessKey, sessionToken: env('AWS_SESSION_TOKEN') || undefined };
    }
    if (accessKeyId !== '' || secretAccessKey !== '') {
        const missing = accessKeyId === '' ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
        throw new inputs_read/* ConfigError */.xL(`Provider 'bedrock': ${missing} is not set, but its pair is. Set both (aws-actions/configure-aws-credentials does).`);
    }
    const apiKey = env('AWS_BEARER_TOKEN_BEDROCK');
    if (apiKey !== '')
        return { kind: 'bedrock-api-key', apiKey };
    throw new inputs_read/* ConfigError */.xL(`Provider 'bedrock' found no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (nor AWS_BEARER_TOKEN_BEDROCK). Run aws-actions/configure-aws-credentials (with 'role-to-assume' and 'permissions: id-token: write') before this step.`);
}
/** An Azure resource name: letters, digits and hyphens, 2 to 64 characters. */
const AZURE_RESOURCE = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/i;
/**
 * foundry-resource (else ANTHROPIC_FOUNDRY_RESOURCE), or the base-url input: exactly one; none
 * under mock-response, like Bedrock's region and Vertex's project (a given one is still checked).
 */
function foundryResource(source, mock) {
    const fromInput = source.getInput(input_names/* Inputs */.G0.foundryResource).trim();
    const resource = fromInput || source.env.ANTHROPIC_FOUNDRY_RESOURCE?.trim() || '';
    const baseUrl = source.getInput(input_names/* Inputs */.G0.baseUrl).trim();
    if (resource !== '' && baseUrl !== '') {
        throw new inputs_read/* ConfigError */.xL(`Provider 'foundry' was given both a resource ('${resource}') and '${input_names/* Inputs */.G0.baseUrl}'. Give only one of them.`);
    }
    if (resource === '' && baseUrl === '' && !mock) {
        throw new inputs_read/* ConfigError */.xL(`Provider 'foundry' needs the Foundry resource: input '${input_names/* Inputs */.G0.foundryResource}' is empty and ANTHROPIC_FOUNDRY_RESOURCE is not set. Give e.g. '${input_names/* Inputs */.G0.foundryResource}: my-resource' (the name in https://my-resource.services.ai.azure.com), or the endpoint in '${input_names/* Inputs */.G0.baseUrl}'.`);
    }
    if (resource !== '' && !AZURE_RESOURCE.test(resource)) {
        const name = fromInput ? input_names/* Inputs */.G0.foundryResource : 'ANTHROPIC_FOUNDRY_RESOURCE';
        throw (0,inputs_read/* invalid */.Gq)(name, resource, 'an Azure resource name (letters, digits and hyphens), e.g. my-resource');
    }
    return resource || undefined;
}
/**
 * The Foundry API key from anthropic-api-key, else ANTHROPIC_FOUNDRY_API_KEY (never
 * ANTHROPIC_API_KEY: a runner-wide Anthropic key must not go to Azure). Without a key, a
 * Microsoft Entra ID token from the Azure CLI that azure/login signed in.
 */
function foundryAuth(source) {
    const apiKey = source.getInput(input_names/* Inputs */.G0.apiKey).trim() || source.env.ANTHROPIC_FOUNDRY_API_KEY?.trim() || '';
    return apiKey === '' ? { kind: 'entra-id' } : { kind: 'api-key', apiKey };
}

;// CONCATENATED MODULE: ./src/inputs/config.ts

















/**
 * The key from the input or ANTHROPIC_API_KEY. Main calls this first of all so the key is
 * masked before anything else can print it.
 */
function apiKeyFrom(source) {
    return source.getInput(input_names/* Inputs */.G0.apiKey).trim() || (source.env.ANTHROPIC_API_KEY ?? '').trim();
}
/**
 * Every input read and checked. Each problem is recorded and the next check still runs (see
 * problems.ts): single inputs first, then files, then the checks across inputs. One ConfigError
 * at the end names them all. `step`: the cancel signal and the step's start, which bound a `files`
 * glob's walk (total-timeout); `attachmentLimits`: the API's, or a test's smaller ones.
 */
async function parseConfig(source, step = {}) {
    const problems = new InputProblems();
    const check = problems.check.bind(problems);
    // A .prompt.yml's own settings win over the inputs, which the runner fills with action.yml's defaults.
    const asked = await problems.checkAsync(() => askedInputs(source), undefined);
    const file = asked?.file ?? {};
    const model = file.model ?? check(() => modelInput(source), input_names/* Defaults */.Hw.model);
    const maxTokensGiven = check(() => (0,inputs_read/* integerInput */.$A)(source, input_names/* Inputs */.G0.maxTokens, input_names/* Defaults */.Hw.maxTokens, 1), undefined);
    const maxTokens = file.maxTokens ?? maxTokensGiven;
    check(() => (0,inputs_read/* refuseTemperature */.TZ)(source, input_names/* Inputs */.G0.temperature), undefined);
    const mockText = source.getInput(input_names/* Inputs */.G0.mockResponse);
    const mockResponse = mockText.trim() === '' ? undefined : mockText;
    const mock = mockResponse !== undefined;
    const provider = check(() => providerInput(source, { mock }), undefined);
    const apiKey = apiKeyFrom(source);
    const baseUrl = check(() => (0,base_url/* baseUrlInput */.v0)(source, { fromEnv: provider?.name === 'anthropic' }), undefined);
    const headers = check(() => (0,inputs_headers/* headersInput */.zE)(source), undefined);
    check(() => (0,proxy_env/* proxySettingsFrom */.Y)(source.env), undefined); // only checked here: network/ builds the fetch from the same variables
    const seconds = (name, fallback, positive = false) => (0,inputs_read/* toMs */.G8)(check(() => (0,inputs_read/* secondsInput */.oA)(source, name, fallback, { positive }), fallback));
    const retry = {
        maxRetries: check(() => (0,inputs_read/* integerInput */.$A)(source, input_names/* Inputs */.G0.maxRetries, input_names/* Defaults */.Hw.maxRetries, 0), input_names/* Defaults */.Hw.maxRetries),
        baseDelayMs: seconds(input_names/* Inputs */.G0.baseDelay, input_names/* Defaults */.Hw.baseDelaySeconds),
        maxDelayMs: seconds(input_names/* Inputs */.G0.maxDelay, input_names/* Defaults */.Hw.maxDelaySeconds),
        jitter: check(() => (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.jitter, JITTER_MODES, input_names/* Defaults */.Hw.jitter), input_names/* Defaults */.Hw.jitter),
        attemptTimeoutMs: seconds(input_names/* Inputs */.G0.timeout, input_names/* Defaults */.Hw.timeoutSeconds, true),
        totalTimeoutMs: seconds(input_names/* Inputs */.G0.totalTimeout, undefined, true)
    };
    const streamMode = check(() => (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.stream, input_names/* STREAM_MODES */.gq, input_names/* Defaults */.Hw.stream), input_names/* Defaults */.Hw.stream);
    const summary = check(() => (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.summary, input_names/* SUMMARY_MODES */.mK, input_names/* Defaults */.Hw.summary), input_names/* Defaults */.Hw.summary);
    const commentOn = check(() => (0,inputs_read/* choiceInput */.ij)(source, input_names/* Inputs */.G0.commentOn, input_names/* COMMENT_TARGETS */.DW, input_names/* Defaults */.Hw.commentOn), 'none');
    const githubToken = source.getInput(input_names/* Inputs */.G0.githubToken).trim() || source.env.GITHUB_TOKEN?.trim() || '';
    const fallbackModels = check(() => (0,inputs_read/* modelList */.u9)(source, input_names/* Inputs */.G0.fallbackModels), []).filter(m => m !== model);
    const fallbackAfter = check(() => (0,inputs_read/* integerInput */.$A)(source, input_names/* Inputs */.G0.fallbackAfter, input_names/* Defaults */.Hw.fallbackAfter, 1), input_names/* Defaults */.Hw.fallbackAfter);
    const maxInputTokens = check(() => (0,inputs_read/* optionalInteger */.$H)(source, input_names/* Inputs */.G0.maxInputTokens, 1), undefined);
    const cost = check(() => costInputs(source, [model, ...fallbackModels]), undefined);
    const jsonSchema = file.jsonSchema ?? check(() => jsonSchemaInput(source), undefined);
    const requested = check(() => requestOptionsInput(source), NO_OPTIONS);
    // Files after the other single inputs: the cheaper checks come first. A glob's walk is bounded
    // by the step's cancel signal and its total-timeout, counted from the step's start.
    const { totalTimeoutMs } = retry;
    const deadline = totalTimeoutMs === undefined ? undefined : (step.startedAt ?? Date.now()) + totalTimeoutMs;
    const walk = { signal: step.signal, deadline, totalTimeoutMs };
    const attachments = asked &&
        (await problems.checkAsync(() => attachmentsInput(source, { ...asked, ...asked.conversation }, walk, step.attachmentLimits), undefined));
    // Across inputs: each runs only when the inputs it reads were valid (an invalid one is reported already).
    // federation: undefined when not asked for (or not checked), null when its own inputs are invalid.
    const federation = provider &&
        headers &&
        check(() => (0,inputs_federation/* federationInput */.K)(source, { apiKey, baseUrl, mock, provider: provider.name, headers }), null);
    if (provider?.name === 'anthropic' && headers && federation !== null) {
        const keyless = federation !== undefined || (0,inputs_headers/* carriesCredential */.vV)(headers);
        check(() => needKey({ apiKey, mock, keyless }, source.event?.noKeyAdvice()), undefined);
    }
    check(() => needToken(commentOn, githubToken), undefined);
    // Where the comment goes is known from the event now; found out after the request, it would cost one.
    check(() => needCommentTarget(commentOn, source.event), undefined);
    // Without a readable prompt or files, whether there is something to cache is not known: no check.
    const cacheable = attachments === undefined || asked?.system !== undefined || attachments.length > 0;
    const fromFile = file.maxTokens !== undefined;
    check(() => optionsFit(requested, { maxTokens, maxTokensFromFile: fromFile, cacheable }), undefined);
    const many = asked &&
        check(() => manyInputs(source, { system: asked.system, vars: asked.vars, thinking: requested.thinking }), undefined);
    problems.throwIfAny();
    const { conversation, system } = asked;
    return {
        conversation,
        system,
        model,
        maxTokens: maxTokens,
        apiKey,
        baseUrl,
        headers: headers,
        retry,
        streamMode,
        summary,
        jsonSchema,
        fallbackModels,
        fallbackAfter,
        mockResponse,
        maxInputTokens,
        cost: cost,
        comment: commentOn === 'none' ? undefined : { on: commentOn, token: githubToken },
        attachments: attachments,
        options: requested,
        federation: federation ?? undefined,
        provider: provider,
        many
    };
}
function modelInput(source) {
    const model = source.getInput(input_names/* Inputs */.G0.model).trim() || input_names/* Defaults */.Hw.model;
    if (/\s/.test(model))
        throw (0,inputs_read/* invalid */.Gq)(input_names/* Inputs */.G0.model, model, 'a model name without spaces, e.g. claude-sonnet-5-5');
    return model;
}
/** The schema as parsed JSON; whether it is a valid JSON Schema is checked when it is compiled. */
function jsonSchemaInput(source) {
    const given = (0,inputs_read/* textOrFile */.r5)(source, input_names/* Inputs */.G0.jsonSchema, input_names/* Inputs */.G0.jsonSchemaFile);
    if (given === undefined)
        return undefined;
    const { text, input: name } = given;
    let schema;
    try {
        schema = JSON.parse(text);
    }
    catch (error) {
        throw new inputs_read/* ConfigError */.xL(`Input '${name}' is not valid JSON (${error.message}). Expected a JSON Schema object.`);
    }
    if (!(0,record/* isRecord */.u)(schema)) {
        throw new inputs_read/* ConfigError */.xL(`Input '${name}' is not a JSON object. Expected a JSON Schema object, e.g. {"type":"object","properties":{...}}.`);
    }
    return schema;
}
/** The summary mode when the inputs are invalid (the summary input may be the invalid one): only a clear 'off' is honoured. */
function summaryModeOf(source) {
    return source.getInput(input_names/* Inputs */.G0.summary).trim().toLowerCase() === 'off' ? 'off' : 'full';
}

// EXTERNAL MODULE: ./src/inputs/unknown-inputs.ts + 1 modules
var unknown_inputs = __webpack_require__(37327);
;// CONCATENATED MODULE: ./src/report/request-warnings.ts
/**
 * Warnings about what the step sends differently from what was written, told before the request:
 * a .prompt.yml's sampling parameters that the API version no longer takes.
 */



/** The field each GitHub Models parameter would have been on the Messages API. */
const API_FIELD = { temperature: 'temperature', topP: 'top_p', topK: 'top_k' };
/** One warning naming every dropped parameter, why, and that the request goes without them. */
function droppedParametersWarning(dropped) {
    if (dropped.length === 0)
        return undefined;
    const names = dropped.map(name => `'modelParameters.${name}' (${API_FIELD[name] ?? name})`).join(', ');
    const them = dropped.length === 1 ? 'it' : 'them';
    return (`The '${input_names/* Inputs */.G0.promptYml}' file sets ${names}: dropped, not sent. Why: ${input_error/* SAMPLING_REMOVED */.r}. ` +
        `The request is sent without ${them}; delete ${them} from the file to end this warning.`);
}
function warnDroppedParameters(dropped) {
    const warning = droppedParametersWarning(dropped ?? []);
    if (warning)
        core/* warning */.$e(warning);
}

// EXTERNAL MODULE: ./src/report/result.ts
var report_result = __webpack_require__(65781);
// EXTERNAL MODULE: ./src/report/secret-lines.ts
var secret_lines = __webpack_require__(64006);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
;// CONCATENATED MODULE: ./src/phases/configure.ts
/**
 * phases/: the step's configuration, before any request. Every secret the inputs hold is
 * registered first (util/secrets.ts: masked in the live log, scrubbed from every text that leaves
 * the step), then every input is read and checked (inputs/), then the warnings about them.
 */













async function configure(source, cancel, startedAt) {
    secrets/* runSecrets */.To.start({ mask: value => core/* setSecret */.Pq(value), tooShort: what => core/* warning */.$e((0,secret_lines/* shortSecretWarning */.H)(what)) });
    secrets/* runSecrets */.To.add(apiKeyFrom(source), 'the API key');
    for (const value of (0,inputs_headers/* credentialHeaderValues */.Lw)(source))
        secrets/* runSecrets */.To.add(value, `a credential value of '${input_names/* Inputs */.G0.headers}'`);
    for (const value of (0,proxy_env/* proxyCredentials */.F)(source.env))
        secrets/* runSecrets */.To.add(value, 'a proxy password');
    // A misspelt key is still a key (its value is never printed anyway).
    const unknown = (0,unknown_inputs/* unknownInputs */.qs)(source.env);
    for (const value of (0,unknown_inputs/* misspeltSecrets */.V3)(unknown, source.env))
        secrets/* runSecrets */.To.add(value, 'a misspelt input');
    (0,input_lines/* warnUnknownInputs */.AH)(unknown);
    try {
        const config = await parseConfig(source, { signal: cancel, startedAt });
        (0,log_lines/* warnUnusedVars */.bL)(config.conversation.unusedVars);
        warnDroppedParameters(config.conversation.droppedParameters);
        if (config.comment)
            secrets/* runSecrets */.To.add(config.comment.token, `the GitHub token ('${input_names/* Inputs */.G0.githubToken}')`);
        const schemaCheck = config.jsonSchema && (await (0,schema/* compileSchema */.Fc)(config.jsonSchema));
        return { ok: true, config, schemaCheck };
    }
    catch (error) {
        if (!(error instanceof inputs_read/* ConfigError */.xL))
            throw error;
        return { ok: false, result: report_result/* invalidInput */.aY(error.problems, unknown), summary: summaryModeOf(source) };
    }
}

// EXTERNAL MODULE: ./src/phases/connect.ts + 12 modules
var connect = __webpack_require__(53619);
// EXTERNAL MODULE: ./src/claude/client.ts
var claude_client = __webpack_require__(66399);
// EXTERNAL MODULE: ./src/retry/loop.ts
var loop = __webpack_require__(69258);
;// CONCATENATED MODULE: ./src/claude/token-guard.ts
/**
 * max-input-tokens: count the prompt with the API's count-tokens endpoint, under the same retry
 * policy and deadline, before the Messages request. Returns data; report/result.ts words it.
 */

async function guardInputTokens(policy, limit, deps) {
    const counted = await (0,loop/* retry */.L)(policy, deps);
    return counted.ok && counted.value <= limit ? { fits: true, counted } : { fits: false, counted, limit };
}

;// CONCATENATED MODULE: ./src/phases/count.ts
/**
 * Counting the prompt's input tokens before the Messages request, when max-input-tokens (a limit)
 * or max-cost-usd (the worst case of an attempt) needs the count.
 */





/** The count for the result, or the result that stops the step (the count failed or is over the limit). */
async function countPhase({ config, client, request, loop, withSignIn }) {
    if (config.maxInputTokens === undefined && config.cost.maxUsd === undefined)
        return { counted: {} };
    const guard = await guardInputTokens(config.retry, config.maxInputTokens ?? Infinity, {
        ...loop,
        attempt: withSignIn(context => (0,claude_client/* countTokensOnce */.r0)(client, request, context), config.model),
        onAttempt: (0,log_lines/* attemptLogger */.mx)('Counting input tokens: ', config.retry)
    });
    if (guard.counted.ok)
        core/* info */.pq((0,log_lines/* tokenCountLine */.bm)(guard.counted.value, config.maxInputTokens));
    if (!guard.fits)
        return { stopped: report_result/* tokenGuardResult */.mN(guard, config.model), counted: {} };
    return { counted: { inputTokensCounted: guard.counted.value, countAttempts: guard.counted.attempts } };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/report/cost-lines.ts
var cost_lines = __webpack_require__(18947);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
;// CONCATENATED MODULE: ./src/report/publish.ts
/** The step's side effects at the end: response file, outputs, log echo and job summary. */










async function publish(result, summaryMode, env) {
    const responseFile = result.text === undefined ? undefined : (0,file_rule/* createOutputFile */.OH)('response.md', result.text, env);
    const { values, warnings } = (0,outputs/* outputValues */.uN)(result, responseFile);
    for (const [name, value] of Object.entries(values))
        core/* setOutput */.uH(name, value);
    for (const warning of warnings)
        core/* warning */.$e(warning);
    if (result.text !== undefined)
        echoResponse(result.text, responseFile);
    const summary = (0,report_summary/* renderSummary */.Br)(result, summaryMode, responseFile);
    if (summary !== '' && env.GITHUB_STEP_SUMMARY)
        await core/* summary */.z.addRaw(summary).write();
}
/**
 * The summary was written before the comment, and says the step succeeded: when the comment then
 * fails (and fails the step), a line below it says so, as the log and the `error` output do.
 */
async function noteCommentNotPosted(why, summaryMode, env) {
    if (summaryMode === 'off' || !env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(`\n**The answer was not posted as a comment:** ${(0,report_summary/* escapeInline */.VV)(why)}\n`).write();
}
/** The log shows the start of the answer; a log is for reading, the file is for the whole text. */
const ECHO_LIMIT_BYTES = 64 * 1024;
/**
 * Model text in the log could hold `::add-mask::` or `::error::` lines; between stop-commands
 * and a random token the runner treats every line as plain text. At most ECHO_LIMIT_BYTES of it.
 */
function echoResponse(text, responseFile) {
    const token = `ask-claude-${(0,external_node_crypto_.randomUUID)()}`;
    const shown = (0,util_text/* truncateUtf8 */.Ck)(text, ECHO_LIMIT_BYTES);
    core/* startGroup */.Oh(`Response (${text.length} characters)`);
    core/* info */.pq(`::stop-commands::${token}`);
    core/* info */.pq(shown);
    core/* info */.pq(`::${token}::`);
    if (shown.length < text.length) {
        const total = (0,util_text/* utf8Bytes */.dy)(text);
        core/* info */.pq(`The log shows the first ${(0,util_text/* utf8Bytes */.dy)(shown)} bytes of ${total}; the whole answer is in the '${output_names/* Outputs */.t.responseFile}' output (${responseFile}).`);
    }
    core/* endGroup */.N4();
}
/** The step's status, last: the cost note, then failed with the explanation, or a closing line. */
function conclude(result) {
    const note = (0,cost_lines/* costNote */.AB)(result.cost);
    if (note)
        core/* info */.pq((0,format/* oneLine */.T)(note));
    if (result.explanation)
        core/* setFailed */.C1(result.explanation);
    else {
        const fallback = (0,report_result/* fallbackOf */.wM)(result);
        const answered = fallback ? ` ${fallback.last} answered, a fallback from ${fallback.from}.` : '';
        core/* info */.pq((0,format/* oneLine */.T)(`Done in ${(0,util_text/* formatSeconds */.Xo)(result.durationMs)} after ${(0,util_text/* plural */.LS)(result.attempts.length, 'attempt')}.${answered}`));
    }
}

// EXTERNAL MODULE: ./src/request/build.ts
var build = __webpack_require__(38817);
// EXTERNAL MODULE: ./src/retry/sleep.ts
var sleep = __webpack_require__(10929);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action, wired: inputs → config → (sign-in) → (token count) → the Messages phase → outputs,
 * summary, comment.
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
    const startedAt = Date.now();
    const source = { getInput: core/* getInput */.V4, env: process.env, event: eventChecks(process.env) };
    const configured = await configure(source, cancel, startedAt);
    if (!configured.ok)
        return finish(configured.result, { summary: configured.summary, comment: undefined });
    const { config, schemaCheck } = configured;
    // A signal that came while the action was loading (mostly synchronous work) is delivered here.
    await new Promise(resolve => setImmediate(resolve));
    if (cancel.aborted)
        return finish(report_result/* cancelledBeforeAnyRequest */.SA(config.model), config);
    // Many prompts: its own flow, loaded only then (a chunk of its own, off the default path).
    if (config.many)
        return (await __webpack_require__.e(/* import() */ 425).then(__webpack_require__.bind(__webpack_require__, 44425))).runMany(config, config.many, schemaCheck, cancel);
    // The token count, the Messages attempts and the comment share one total-timeout.
    const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs;
    const limits = { signal: cancel, deadline };
    if (config.mockResponse !== undefined) {
        core/* info */.pq(log_lines/* MOCK_NOTICE */.An);
        return finish(report_result/* mockResult */.Yw(config.model, config.mockResponse, schemaCheck), config, limits);
    }
    (0,log_lines/* logConfig */.Fx)(config);
    const loop = { now: Date.now, sleep: sleep/* sleep */.yy, random: Math.random, signal: cancel, deadline };
    const connection = await (0,connect/* connect */.N)(config, loop, source.env);
    if (!connection.ok)
        return finish(report_result/* signInResult */.kk(connection.auth, config.model), config, limits);
    const { auth, client } = connection;
    const phase = {
        config,
        client,
        request: (0,build/* buildRequest */.mK)({ ...config, ...config.conversation }),
        loop,
        withSignIn: auth.withSignIn
    };
    const { stopped, counted } = await countPhase(phase);
    if (stopped)
        return finish({ ...stopped, ...auth.report }, config, limits);
    const asked = await (0,ask/* askPhase */.V)(phase, schemaCheck, counted.inputTokensCounted);
    await finish({ ...asked, ...auth.report, ...counted }, config, limits);
}
/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(result, config, limits = {}) {
    result = { ...result, attachments: config.attachments?.map(request_attachments/* describeAttachment */.V4), secretsReplaced: secrets/* runSecrets */.To.replaced };
    await publish(result, config.summary, process.env);
    if (config.comment && result.text !== undefined) {
        const notPosted = await postComment(result, config.comment, process.env, limits);
        if (notPosted !== undefined)
            await noteCommentNotPosted(notPosted, config.summary, process.env);
    }
    conclude(result);
}


/***/ }),

/***/ 87332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V: () => (/* binding */ askPhase),
  D: () => (/* binding */ messagesAttempts)
});

// EXTERNAL MODULE: ./src/claude/client.ts
var claude_client = __webpack_require__(66399);
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

// EXTERNAL MODULE: ./src/claude/schema.ts
var schema = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/cost/meter.ts
var cost_meter = __webpack_require__(8276);
// EXTERNAL MODULE: ./src/request/build.ts
var build = __webpack_require__(38817);
// EXTERNAL MODULE: ./src/report/cost-lines.ts
var cost_lines = __webpack_require__(18947);
// EXTERNAL MODULE: ./src/report/log-lines.ts + 2 modules
var log_lines = __webpack_require__(11672);
// EXTERNAL MODULE: ./src/report/result.ts
var result = __webpack_require__(65781);
// EXTERNAL MODULE: ./src/retry/loop.ts
var retry_loop = __webpack_require__(69258);
;// CONCATENATED MODULE: ./src/phases/ask.ts









async function askPhase({ config, client, request, loop, withSignIn }, schemaCheck, inputTokensCounted) {
    const send = (request, stream, context) => (0,claude_client/* sendOnce */.E4)(client, request, stream, context);
    const asking = messagesAttempts({ config, request, send, withSignIn, schemaCheck, inputTokensCounted });
    const outcome = await (0,retry_loop/* retry */.L)(config.retry, { ...loop, ...asking.deps, onAttempt: (0,log_lines/* attemptLogger */.mx)('', config.retry) });
    return { ...result/* stepResult */.GR(outcome, config.model, schemaCheck), cost: asking.meter.estimate() };
}
/**
 * The retry loop's parts for one Messages request, the same for one prompt and for each item of a
 * prompts-file: the fallback chain from the request's model, streaming by `stream` and the
 * request's max-tokens, each answer metered (cost-usd, max-cost-usd) and held against the schema.
 */
function messagesAttempts({ config, request, send, withSignIn, schemaCheck, inputTokensCounted }) {
    const first = request.model;
    const models = new ModelChain([first, ...config.fallbackModels.filter(m => m !== first)], config.fallbackAfter);
    const meter = new cost_meter/* CostMeter */.F6(config.cost, request, inputTokensCounted);
    const stream = (0,build/* streamsFor */.b7)(config.streamMode, request.max_tokens);
    const deps = {
        attempt: withSignIn(async (context) => {
            const result = meter.recorded(await send({ ...request, model: models.current }, stream, context));
            return schemaCheck ? (0,schema/* withSchemaCheck */.I6)(result, schemaCheck) : result;
        }, models),
        beforeAttempt: attempt => (0,cost_lines/* costRefusalFailure */.Oh)(meter.check(attempt, models.current)),
        switchModel: failure => models.afterFailure(failure)
    };
    return { deps, meter };
}


/***/ }),

/***/ 53619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ connect)
});

// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
// EXTERNAL MODULE: ./src/retry/loop.ts
var loop = __webpack_require__(69258);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./node_modules/@anthropic-ai/sdk/lib/credentials/types.mjs
var types = __webpack_require__(94994);
// EXTERNAL MODULE: ./src/claude/client.ts
var client = __webpack_require__(66399);
// EXTERNAL MODULE: ./src/claude/sdk-failures.ts
var sdk_failures = __webpack_require__(39144);
// EXTERNAL MODULE: ./src/claude/redact.ts
var redact = __webpack_require__(43105);
// EXTERNAL MODULE: ./src/util/record.ts
var record = __webpack_require__(19683);
;// CONCATENATED MODULE: ./src/auth/failures.ts
/** What went wrong in a sign-in attempt, as the AttemptFailure the loop classifies and report/ words. */



/** What a failure quotes of a body. */
const QUOTED_BODY_CHARS = 2000;
function jsonField(text, name) {
    try {
        const value = JSON.parse(text)?.[name];
        return typeof value === 'string' && value !== '' ? (0,util_text/* clip */.$Q)(value, QUOTED_BODY_CHARS) : undefined;
    }
    catch {
        return undefined;
    }
}
/** A failure built from an HTTP answer, its text redacted (claude/redact.ts: the run's secrets, key shapes). */
function httpFailure(response, errorType, message) {
    return (0,redact/* redactFailure */.O5)({
        kind: 'http',
        status: response.status,
        errorType: (0,util_text/* clip */.$Q)(errorType, 100),
        errorCode: null,
        requestId: null,
        message,
        headers: (0,sdk_failures/* headersToRecord */.jD)(response.headers)
    });
}

;// CONCATENATED MODULE: ./src/auth/exchange.ts
/**
 * One sign-in attempt: GitHub's OIDC identity token, then Anthropic's jwt-bearer exchange at
 * /v1/oauth/token for a short-lived access token. Both requests are the ones the toolkit and
 * the SDK make (core.getIDToken; the SDK's oidcFederationProvider), sent here so that our loop
 * owns the retries (the toolkit's client retries 502-504 ten times on its own), the timeout,
 * the cancel signal, and reads statuses and headers instead of error text.
 */








/** The token endpoint refuses a larger assertion; the SDK checks it before sending, as we do. */
const MAX_ASSERTION_CHARS = 16 * 1024;
/** What identifies the attempts in records: there is no model; the rule id says what signed in. */
const signInLabel = (federation) => `federation rule ${federation.ruleId}`;
const ANTHROPIC_API = 'https://api.anthropic.com';
function tokenEndpoint(baseUrl) {
    return `${(baseUrl ?? ANTHROPIC_API).replace(/\/+$/, '')}${types/* TOKEN_ENDPOINT */.uV}`;
}
/**
 * The token endpoint when it is not on the Claude API's own origin: a gateway (or any base-url)
 * receives GitHub's identity token in the exchange, as the SDK sends it, and could replay it until
 * it expires. Undefined for the API itself.
 */
function exchangeGateway(baseUrl) {
    if (baseUrl === undefined)
        return undefined;
    const endpoint = tokenEndpoint(baseUrl);
    return new URL(endpoint).origin === ANTHROPIC_API ? undefined : endpoint;
}
/** The jwt-bearer body, field for field as the SDK's oidcFederationProvider builds it. */
function exchangeBody(federation, assertion) {
    return {
        grant_type: types/* GRANT_TYPE_JWT_BEARER */.Az,
        assertion,
        federation_rule_id: federation.ruleId,
        organization_id: federation.organizationId,
        ...(federation.serviceAccountId ? { service_account_id: federation.serviceAccountId } : {}),
        ...(federation.workspaceId ? { workspace_id: federation.workspaceId } : {})
    };
}
/** One attempt, bounded by the attempt's timeout and the step's cancel signal. */
async function exchangeOnce(federation, endpoint, fetch, context) {
    const model = signInLabel(federation);
    const result = await (0,client/* underAttemptSignal */.AO)(context, model, async (signal) => {
        const identity = await identityToken(federation, fetch, signal);
        if (!identity.ok)
            return { ok: false, model, failure: identity.failure };
        const minted = await exchange(federation, endpoint, identity.value, fetch, signal);
        return minted.ok
            ? { ok: true, value: minted.value, status: 200, requestId: minted.requestId, model }
            : { ok: false, model, failure: minted.failure };
    }, error => (0,sdk_failures/* noResponseFailure */.pY)(error, 'the request failed'));
    // Every failure's text, whatever made it, without the run's secrets (the tokens above included).
    return result.ok ? result : { ...result, failure: (0,redact/* redactFailure */.O5)(result.failure) };
}
/** GET ACTIONS_ID_TOKEN_REQUEST_URL (+ `&audience=`) as core.getIDToken does; the JWT is masked at once. */
async function identityToken(federation, fetch, signal) {
    const { url, token } = federation.idTokenRequest;
    const target = federation.audience ? `${url}&audience=${encodeURIComponent(federation.audience)}` : url;
    let response;
    try {
        response = await fetch(target, {
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
            signal
        });
    }
    catch (error) {
        if (signal.aborted)
            throw error;
        return { ok: false, failure: (0,sdk_failures/* noResponseFailure */.pY)(error, "GitHub's OIDC token endpoint could not be reached") };
    }
    const text = await response.text();
    if (!response.ok) {
        const message = `GitHub's OIDC token endpoint answered HTTP ${response.status}: ${(0,util_text/* clip */.$Q)(text, QUOTED_BODY_CHARS)}`;
        return { ok: false, failure: httpFailure(response, 'id_token_error', message) };
    }
    const value = jsonField(text, 'value');
    if (value === undefined) {
        return {
            ok: false,
            failure: (0,sdk_failures/* invalidResponse */.Ff)("GitHub's OIDC token endpoint sent no token (JSON field 'value')", null)
        };
    }
    secrets/* runSecrets */.To.add(value, 'the GitHub identity (OIDC) token');
    if (value.length > MAX_ASSERTION_CHARS) {
        const message = `the identity token is ${Math.ceil(value.length / 1024)} KiB, over the 16 KiB the token endpoint takes`;
        return {
            ok: false,
            failure: { ...(0,sdk_failures/* invalidResponse */.Ff)(message, null), kind: 'client', status: null, errorType: 'client_error' }
        };
    }
    return { ok: true, value, requestId: null };
}
/** POST /v1/oauth/token with the SDK's body and headers; the access token is masked at once. */
async function exchange(federation, endpoint, assertion, fetch, signal) {
    let response;
    try {
        response = await fetch(endpoint, {
            method: 'POST',
            redirect: 'manual',
            headers: {
                'Content-Type': 'application/json',
                'anthropic-beta': `${types/* OAUTH_API_BETA_HEADER */.E8},${types/* FEDERATION_BETA_HEADER */.fP}`,
                'User-Agent': 'ask-claude oidc-federation'
            },
            body: JSON.stringify(exchangeBody(federation, assertion)),
            signal
        });
    }
    catch (error) {
        if (signal.aborted)
            throw error;
        return { ok: false, failure: (0,sdk_failures/* noResponseFailure */.pY)(error, `the token endpoint ${endpoint} could not be reached`) };
    }
    const requestId = response.headers.get('request-id');
    const text = await response.text();
    if (!response.ok) {
        // RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."}; only those fields are kept.
        const safe = (0,types/* redactSensitive */.Qr)(text);
        const errorType = jsonField(safe, 'error') ?? `http_${response.status}`;
        const description = jsonField(safe, 'error_description') ?? (0,util_text/* clip */.$Q)(safe, QUOTED_BODY_CHARS);
        const message = `the token endpoint refused the exchange (HTTP ${response.status}): ${description}`;
        return { ok: false, failure: { ...httpFailure(response, errorType, message), requestId } };
    }
    let data;
    try {
        const parsed = JSON.parse(text);
        data = (0,record/* isRecord */.u)(parsed) ? parsed : undefined;
    }
    catch {
        data = undefined;
    }
    const token = data?.access_token;
    if (typeof token === 'string' && token !== '') {
        secrets/* runSecrets */.To.add(token, 'the access token from the token exchange');
    }
    const expiresIn = Number(data?.expires_in);
    const tokenType = data?.token_type;
    const problem = typeof token !== 'string' || token === ''
        ? 'no access_token'
        : typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer'
            ? `token_type ${(0,util_text/* clip */.$Q)(tokenType, 40)}, not Bearer`
            : data?.expires_in === undefined || !Number.isFinite(expiresIn) || expiresIn < 0
                ? 'no valid expires_in'
                : undefined;
    if (problem !== undefined) {
        return { ok: false, failure: (0,sdk_failures/* invalidResponse */.Ff)(`the token endpoint's answer has ${problem}`, requestId) };
    }
    const lifetimeMs = Math.round(expiresIn * 1000);
    return { ok: true, value: { value: token, expiresAtMs: Date.now() + lifetimeMs, lifetimeMs }, requestId };
}

;// CONCATENATED MODULE: ./src/auth/sign-in.ts
/**
 * auth/: keyless login, Anthropic's OIDC workload identity federation. GitHub's identity token
 * is exchanged for a short-lived access token (exchange.ts) under the same retry policy and
 * deadline as every request, before the first one, and exchanged again before a later attempt
 * when it is about to expire. It returns data (the outcome, the attempts); report/ words it.
 */




/** Renew when less than a minute is left, or less than a tenth of the lifetime for a short-lived token. */
const RENEW_MARGIN_MS = 60_000;
function renewalDue(token, nowMs) {
    return token.expiresAtMs - nowMs < Math.min(RENEW_MARGIN_MS, token.lifetimeMs / 10);
}
/** Signs in when `federation` is configured; otherwise returns at once with nothing to do. */
async function signIn(config, deps) {
    const federation = config.federation;
    if (!federation)
        return { ok: true, token: undefined, withSignIn: attempt => attempt, report: {} };
    if (federation.keyIgnored)
        deps.log.keyIgnored();
    // Kept as the SDK does it (a gateway in front of the API must forward the exchange), and said.
    const gateway = exchangeGateway(config.baseUrl);
    if (gateway !== undefined)
        deps.log.gatewayGetsIdentityToken(gateway);
    // The runner masks its request token too; registering it again costs nothing.
    secrets/* runSecrets */.To.add(federation.idTokenRequest.token, 'the OIDC request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)');
    const attempts = [];
    const endpoint = tokenEndpoint(config.baseUrl);
    const exchangeLoop = async (again) => {
        const outcome = await (0,loop/* retry */.L)(config.retry, {
            ...deps,
            attempt: context => exchangeOnce(federation, endpoint, deps.fetch, context),
            onAttempt: event => deps.log.attempt(event, again)
        });
        attempts.push(...outcome.attempts);
        return outcome;
    };
    const first = await exchangeLoop(false);
    if (!first.ok)
        return { ok: false, failed: first, federation, report: { signInAttempts: attempts } };
    let current = first.value;
    const withSignIn = (attempt, model) => {
        return async (context) => {
            const started = deps.now();
            if (!renewalDue(current, started))
                return attempt(context);
            const renewed = await exchangeLoop(true);
            if (!renewed.ok) {
                const failure = renewalFailure(renewed, federation);
                return { ok: false, model: typeof model === 'string' ? model : model.current, failure };
            }
            current = renewed.value;
            // The renewal is part of this attempt: it spends the attempt's time, not more.
            return attempt({ ...context, timeoutMs: Math.max(1, context.timeoutMs - (deps.now() - started)) });
        };
    };
    return { ok: true, token: () => current.value, withSignIn, report: { signInAttempts: attempts } };
}
/** A renewal that failed, as the failure of the attempt it came before: final (it had its own retries). */
function renewalFailure(renewed, federation) {
    if (renewed.failure.kind === 'cancelled')
        return renewed.failure;
    return {
        kind: 'sign-in',
        status: null,
        errorType: renewed.failure.errorType,
        errorCode: null,
        requestId: null,
        message: `renewing the access token (${signInLabel(federation)}) failed after ${(0,util_text/* plural */.LS)(renewed.attempts.length, 'attempt')}: ${renewed.failure.message}`,
        headers: {}
    };
}

;// CONCATENATED MODULE: ./src/claude/bounded-fetch.ts
/**
 * A fetch for the SDK that bounds how much of a response body is read. The SDK reads an error
 * body whole (`response.text()`) before it throws, and a 2xx JSON or text body whole before it
 * parses it: an endless body, or a small gzip bomb that fetch inflates, grew memory by gigabytes
 * until the attempt's timeout. Past the bound the body fails with BodyTooLargeError and the
 * connection is cut. Bytes are counted after decompression, as they reach memory. Every client
 * and the sign-in use it, so it is also where redirects are refused (RedirectRefusedError).
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
        const what = per === 'line'
            ? 'a line of the event stream'
            : per === 'frame'
                ? 'a frame of the event stream'
                : 'the response body';
        super(`${what} is more than ${formatBytes(limit)}; the rest was not read and the connection was closed`);
    }
}
/**
 * A 3xx answer. Every request through this fetch carries a credential (the key, a gateway
 * header, a token) and often the prompt: fetch would follow a 307 to any host with the body and
 * every header but Authorization. No redirect is followed, to another origin or the same: the
 * answer is a final error that names where it pointed (the origin only, never a path or query).
 */
class RedirectRefusedError extends Error {
    status;
    origin;
    name = 'RedirectRefusedError';
    constructor(status, origin) {
        super(`the server answered HTTP ${status}, a redirect to ${origin ?? 'an address it did not give'}; ` +
            'redirects are not followed, since the request carries credentials (use the address that answers directly)');
        this.status = status;
        this.origin = origin;
    }
}
/**
 * Wraps `inner` (default: the global fetch at call time). An SSE stream (2xx
 * text/event-stream) has no total bound: it is consumed event by event, and the attempt's
 * timeout bounds how long it may run; only each line is bounded. A redirect is never followed
 * (RedirectRefusedError).
 */
function boundedFetch(inner) {
    return async (input, init) => {
        const response = await (inner ?? globalThis.fetch)(input, { ...init, redirect: 'manual' });
        if (response.status >= 300 && response.status <= 399) {
            await response.body?.cancel().catch(() => undefined);
            throw new RedirectRefusedError(response.status, locationOrigin(response.headers.get('location'), input));
        }
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
    // Amazon Bedrock's stream: binary frames, each led by its total length; bounded per frame.
    if (mediaType === 'application/vnd.amazon.eventstream')
        return { bytes: SSE_LINE_LIMIT_BYTES, per: 'frame' };
    // A Message Batch's results (application/x-jsonl, asked for as application/binary): one
    // Message per line, read line by line (claude/batches.ts), so the body has no total bound, and
    // each line a Message's. Known by the path, whatever the type; nowhere else is a body unbounded.
    if (isBatchResults(response.url))
        return { bytes: JSON_BODY_LIMIT_BYTES, per: 'line' };
    if (mediaType.includes('application/json') || mediaType.endsWith('+json')) {
        return { bytes: JSON_BODY_LIMIT_BYTES, per: 'body' };
    }
    return { bytes: OTHER_BODY_LIMIT_BYTES, per: 'body' };
}
/** The results download of a Message Batch: `.../v1/messages/batches/<id>/results`. */
function isBatchResults(url) {
    try {
        return /\/v1\/messages\/batches\/[^/]+\/results$/.test(new URL(url).pathname);
    }
    catch {
        return false;
    }
}
const LF = 0x0a;
const CR = 0x0d;
/**
 * The same bytes, up to `limit` in all (per 'body'), since the last line break (per 'line'), or
 * in any one AWS event-stream frame (per 'frame', as its length prefix declares); one byte more
 * cancels the source (closing the connection) and fails the stream.
 */
function limitBody(body, limit, per = 'body') {
    const reader = body.getReader();
    let total = 0;
    const frames = per === 'frame' ? frameSizes() : undefined;
    return new ReadableStream({
        async pull(controller) {
            const { done, value } = await reader.read();
            if (done)
                return controller.close();
            const lastBreak = per === 'line' ? Math.max(value.lastIndexOf(LF), value.lastIndexOf(CR)) : -1;
            total = frames ? frames(value) : lastBreak === -1 ? total + value.byteLength : value.byteLength - lastBreak - 1;
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
/**
 * Reads AWS event-stream framing as chunks pass: each frame starts with its total length (4
 * bytes, big-endian, counting itself). Returns the largest length declared so far in a chunk.
 */
function frameSizes() {
    let left = 0; // bytes of the current frame still to come
    let prelude = [];
    return chunk => {
        let largest = 0;
        for (let i = 0; i < chunk.byteLength;) {
            if (left > 0) {
                const step = Math.min(left, chunk.byteLength - i);
                left -= step;
                i += step;
                continue;
            }
            prelude.push(chunk[i++]);
            if (prelude.length < 4)
                continue;
            const length = new DataView(Uint8Array.from(prelude).buffer).getUint32(0);
            prelude = [];
            largest = Math.max(largest, length);
            left = Math.max(0, length - 4);
        }
        return largest;
    };
}
/** The origin a Location header points to, resolved against the request's URL; undefined without one. */
function locationOrigin(location, input) {
    if (!location)
        return undefined;
    try {
        const base = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        return new URL(location, base).origin;
    }
    catch {
        return undefined;
    }
}
function formatBytes(bytes) {
    return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./src/inputs/proxy-env.ts
var proxy_env = __webpack_require__(26659);
;// CONCATENATED MODULE: ./src/network/route.ts
/** The proxy a request to `target` goes through, or undefined for a direct connection. */
function proxyFor(target, settings) {
    const proxy = target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined;
    return proxy && !bypassesProxy(target, settings.noProxy) ? proxy : undefined;
}
const DEFAULT_PORTS = { 'http:': '80', 'https:': '443' };
/** Whether no_proxy (or this machine) sends `target` direct. */
function bypassesProxy(target, noProxy) {
    const host = target.hostname.toLowerCase();
    if (isLoopback(host))
        return true;
    const hostPort = `${host}:${target.port || DEFAULT_PORTS[target.protocol] || ''}`;
    return noProxy.some(entry => entry === '*' ||
        [host, hostPort].some(candidate => candidate === entry || candidate.endsWith(entry.startsWith('.') ? entry : `.${entry}`)));
}
function isLoopback(host) {
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The proxy as it may be shown: scheme, host and port; never the user or password. */
function shownProxy(url) {
    return `${url.protocol}//${url.host}`;
}

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
;// CONCATENATED MODULE: ./src/network/proxy.ts
/**
 * network/ owns the fetch every request of the action goes through: proxies from the environment
 * (inputs/proxy-env.ts reads them, route.ts applies them) and the errors that name the proxy. Custom CAs need no code: Node
 * reads NODE_EXTRA_CA_CERTS at start-up, for its own fetch and undici's alike.
 *
 * With no proxy variable, the fetch is the runtime's own, untouched, and undici is not loaded.
 * With one, undici (6.x, the copy @actions/http-client bundles anyway) is imported lazily, and a
 * request that is to be proxied goes through undici's own fetch with a ProxyAgent: a dispatcher
 * only works with the fetch of its own package, not with Node's built-in one. A request that
 * bypasses the proxy (no_proxy, this machine) still goes through the runtime's fetch.
 */





/** The longest the proxy may take to answer a CONNECT (connectTimeout: less when the attempt's `timeout` is short). */
const PROXY_CONNECT_TIMEOUT_MS = 30_000;
/**
 * The CONNECT's own timeout: the smaller of PROXY_CONNECT_TIMEOUT_MS and nine tenths of the
 * attempt's `timeout`. Not the whole of it: the attempt's timer starts first, so with equal
 * durations it would always fire first, and the step would blame "no complete response" rather
 * than the proxy.
 */
function connectTimeout(attemptTimeoutMs) {
    if (attemptTimeoutMs === undefined)
        return PROXY_CONNECT_TIMEOUT_MS;
    return Math.max(1, Math.min(PROXY_CONNECT_TIMEOUT_MS, Math.floor(attemptTimeoutMs * 0.9)));
}
/**
 * A request that failed at the proxy, before it reached the API: the proxy answered the CONNECT
 * with another status than 200 (`status`), it did not answer it in time (`timeoutMs`), or it
 * could not be reached or closed the connection (`systemCode`, e.g. ECONNREFUSED, UND_ERR_SOCKET).
 * It names the proxy without credentials and the variable that set it; claude/sdk-failures.ts turns it
 * into an AttemptFailure. It has no `code` of its own on purpose: undici's client reconnects at
 * once, in a loop, after a connect error whose code is UND_ERR_SOCKET (a proxy that closed the
 * CONNECT spun until the attempt's timeout); without one, the request fails and our loop decides.
 */
class ProxyError extends Error {
    proxy;
    variable;
    status;
    systemCode;
    name = 'ProxyError';
    constructor(proxy, variable, status, systemCode, options) {
        const from = `the proxy ${proxy} (from ${variable})`;
        super(status !== undefined
            ? `${from} refused the connection: ${status} ${external_node_http_.STATUS_CODES[status] ?? ''}`.trim()
            : options?.timeoutMs !== undefined
                ? `${from} did not answer the CONNECT within ${(0,util_text/* formatSeconds */.Xo)(options.timeoutMs)}`
                : `could not connect to ${from}${systemCode ? `: ${systemCode}` : ''}`, options);
        this.proxy = proxy;
        this.variable = variable;
        this.status = status;
        this.systemCode = systemCode;
    }
}
const cache = new Map();
/**
 * The fetch for every request the action makes (the SDK's, a token exchange, a provider's
 * client), built from `env`. Callers with the same proxy variables share one fetch, and so one
 * pool of connections. Rejects with a ConfigError when a proxy variable is not a usable URL.
 * A CONNECT gets a timeout of its own (connectTimeout; `attemptTimeoutMs` is the `timeout` input).
 */
function fetchFromEnvironment(env, { attemptTimeoutMs } = {}) {
    const settings = (0,proxy_env/* proxySettingsFrom */.Y)(env);
    if (!settings)
        return Promise.resolve((input, init) => globalThis.fetch(input, init));
    const connectTimeoutMs = connectTimeout(attemptTimeoutMs);
    const key = JSON.stringify([settings.https?.url.href, settings.http?.url.href, settings.noProxy, connectTimeoutMs]);
    let fetch = cache.get(key);
    if (!fetch) {
        fetch = Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 46752, 19)).then(undici => proxiedFetch(undici, settings, connectTimeoutMs));
        cache.set(key, fetch);
    }
    return fetch;
}
function proxiedFetch(undici, settings, connectTimeoutMs) {
    const agents = new Map();
    const agentFor = (proxy) => {
        let agent = agents.get(proxy);
        if (!agent)
            agents.set(proxy, (agent = proxyAgent(undici, proxy, connectTimeoutMs)));
        return agent;
    };
    return async (input, init) => {
        const proxy = proxyFor(new URL(requestUrl(input)), settings);
        if (!proxy)
            return globalThis.fetch(input, init);
        try {
            const response = await undici.fetch(input, { ...init, dispatcher: agentFor(proxy) });
            return response;
        }
        catch (error) {
            throw plainProxyFailure(error, proxy) ?? error;
        }
    };
}
function requestUrl(input) {
    return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}
/**
 * https:// goes through a CONNECT tunnel; http:// is sent to the proxy in absolute form, as curl
 * does (many proxies allow CONNECT to port 443 only). The credentials of the proxy URL become a
 * Proxy-Authorization header, and the URL undici keeps has none. The CONNECT goes through
 * `clientFactory`, so that a refusal or an unreachable proxy becomes a ProxyError with the status
 * or the code, rather than undici's "Request was cancelled".
 */
function proxyAgent(undici, proxy, connectTimeoutMs) {
    const { url } = proxy;
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    const credentials = user || password ? Buffer.from(`${user}:${password}`).toString('base64') : undefined;
    const shown = shownProxy(url);
    return new undici.ProxyAgent({
        uri: `${url.protocol}//${url.host}`,
        ...(credentials ? { token: `Basic ${credentials}` } : {}),
        proxyTunnel: false,
        clientFactory: (origin, options) => {
            const pool = new undici.Pool(origin, options);
            const connect = pool.connect.bind(pool);
            Object.assign(pool, {
                connect: async (options) => {
                    // undici gives the CONNECT no timeout of its own (a silent proxy held each attempt to its end).
                    const timer = AbortSignal.timeout(connectTimeoutMs);
                    const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
                    let tunnel;
                    try {
                        tunnel = await connect({ ...options, signal });
                    }
                    catch (error) {
                        if (timer.aborted && !options.signal?.aborted) {
                            throw new ProxyError(shown, proxy.variable, undefined, undefined, {
                                cause: error,
                                timeoutMs: connectTimeoutMs
                            });
                        }
                        if (isAbort(error))
                            throw error;
                        throw new ProxyError(shown, proxy.variable, undefined, (0,errors/* findCode */.lh)(error), { cause: error });
                    }
                    if (tunnel.statusCode !== 200) {
                        tunnel.socket.destroy();
                        throw new ProxyError(shown, proxy.variable, tunnel.statusCode, undefined);
                    }
                    return tunnel;
                }
            });
            return pool;
        }
    });
}
/** Errors of the absolute-form path (http://), which has no CONNECT: an unreachable proxy, or its 407. */
function plainProxyFailure(error, proxy) {
    if (isAbort(error) || (0,errors/* causeNamed */.TJ)(error, 'ProxyError') !== undefined)
        return undefined;
    const code = (0,errors/* findCode */.lh)(error);
    const shown = shownProxy(proxy.url);
    // undici's Http1ProxyWrapper turns a 407 into an InvalidArgumentError with this message,
    // looked for along the whole cause chain (fetch nests it one or more levels deep).
    if (code === 'UND_ERR_INVALID_ARG' &&
        /\(407\)/.test(String((0,errors/* errorMessage */.gJ)((0,errors/* causeNamed */.TJ)(error, 'InvalidArgumentError'))))) {
        return new ProxyError(shown, proxy.variable, 407, undefined, { cause: error });
    }
    if (code && CONNECT_CODES.has(code))
        return new ProxyError(shown, proxy.variable, undefined, code, { cause: error });
    return undefined;
}
const CONNECT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_SOCKET'
]);
function isAbort(error) {
    const { name, code } = (error ?? {});
    return name === 'AbortError' || code === 'UND_ERR_ABORTED';
}

// EXTERNAL MODULE: ./node_modules/@anthropic-ai/sdk/client.mjs + 59 modules
var sdk_client = __webpack_require__(82968);
// EXTERNAL MODULE: ./src/inputs/headers.ts
var inputs_headers = __webpack_require__(6427);
;// CONCATENATED MODULE: ./src/providers/anthropic.ts
/**
 * The Claude API: Anthropic from @anthropic-ai/sdk, the default provider (loaded with the action,
 * not lazily). Built with `shared` like every provider, plus what only the Claude API has:
 * - `accessToken`: keyless login (auth/) keeps a short-lived token fresh; the client reads it
 *   before each request (the SDK's `apiKey` function, sent as `Authorization: Bearer`, so a
 *   renewed token needs no new client), with the OAuth beta header the API wants with such a token;
 * - a gateway's credential in `headers` replaces the key (sdkHeaders).
 */



function anthropicClient(config, shared, accessToken) {
    return new sdk_client/* Anthropic */.N({
        ...shared,
        apiKey: accessToken ? () => Promise.resolve(accessToken()) : config.apiKey,
        baseURL: config.baseUrl ?? null,
        defaultHeaders: {
            ...(accessToken ? { 'anthropic-beta': types/* OAUTH_API_BETA_HEADER */.E8 } : {}),
            ...sdkHeaders(shared.defaultHeaders)
        }
    });
}
/**
 * The SDK merges defaultHeaders after its own (Authorization from the key), name by name without
 * regard to case, so a header given in `headers` wins; a null removes one. When `headers` carries
 * the gateway's credential, the SDK's Authorization is not sent (the key may be '' then).
 */
function sdkHeaders(headers) {
    const own = Object.keys(headers).map(name => name.toLowerCase());
    return (0,inputs_headers/* carriesCredential */.vV)(headers) && !own.includes('authorization') ? { ...headers, Authorization: null } : headers;
}

;// CONCATENATED MODULE: ./src/providers/bedrock.ts
async function bedrockClient(settings, baseUrl, shared) {
    const { AnthropicBedrock } = await __webpack_require__.e(/* import() */ 820).then(__webpack_require__.bind(__webpack_require__, 41820));
    const { credentials } = settings;
    // Explicit credentials only: the SDK's default chain (profiles, instance metadata) is never
    // reached. `apiKey: null` keeps it from reading AWS_BEARER_TOKEN_BEDROCK when signing.
    const common = { ...shared, awsRegion: settings.region, ...(baseUrl ? { baseURL: baseUrl } : {}) };
    switch (credentials.kind) {
        case 'keys':
            return new AnthropicBedrock({
                ...common,
                apiKey: null,
                awsAccessKey: credentials.accessKeyId,
                awsSecretKey: credentials.secretAccessKey,
                awsSessionToken: credentials.sessionToken ?? null
            });
        case 'bedrock-api-key':
            return new AnthropicBedrock({ ...common, apiKey: credentials.apiKey });
        case 'none':
            throw new Error('no AWS credentials: mock-response sends no request');
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/providers/azure-cli.ts
/**
 * A Microsoft Entra ID token for Foundry from the Azure CLI, which azure/login leaves signed in
 * (@azure/identity is not bundled). Run only when Foundry is chosen without an API key; the
 * token is fetched before the first request, masked, and fetched again after REFRESH_MS.
 */


const AZ_TOKEN_ARGS = [
    'account',
    'get-access-token',
    '--resource',
    'https://cognitiveservices.azure.com',
    '--query',
    'accessToken',
    '-o',
    'tsv'
];
/** az issues tokens valid for an hour or more; half an hour leaves room for a long attempt. */
const REFRESH_MS = 30 * 60 * 1000;
function azureCliToken(now = Date.now) {
    let cached;
    return async () => {
        if (cached && now() - cached.at < REFRESH_MS)
            return cached.token;
        const token = (await runAz()).trim();
        if (token === '')
            throw new Error('`az account get-access-token` printed no token');
        secrets/* runSecrets */.To.add(token, 'the Microsoft Entra ID token from az');
        cached = { token, at: now() };
        return token;
    };
}
function runAz() {
    return new Promise((resolve, reject) => {
        // On Windows az is az.cmd, which only a shell runs. The environment is passed explicitly:
        // jest's in-process runs give the module a process.env of its own.
        const options = { shell: process.platform === 'win32', timeout: 60_000, env: process.env };
        (0,external_node_child_process_.execFile)('az', AZ_TOKEN_ARGS, options, (error, stdout, stderr) => {
            if (!error)
                return resolve(stdout);
            const why = stderr.trim().split('\n').slice(-1)[0] || error.message;
            reject(new Error(`no Microsoft Entra ID token from the Azure CLI (${why}). Run azure/login before this step, or give a Foundry API key in 'anthropic-api-key'`));
        });
    });
}

;// CONCATENATED MODULE: ./src/providers/foundry.ts

async function foundryClient(settings, baseUrl, shared) {
    const { AnthropicFoundry } = await __webpack_require__.e(/* import() */ 651).then(__webpack_require__.bind(__webpack_require__, 69651));
    // The base URL is given outright (resource: null), so the SDK reads no ANTHROPIC_FOUNDRY_* variable.
    const baseURL = settings.resource ? `https://${settings.resource}.services.ai.azure.com/anthropic/` : baseUrl;
    const auth = settings.auth.kind === 'api-key' ? { apiKey: settings.auth.apiKey } : { azureADTokenProvider: azureCliToken() };
    return new AnthropicFoundry({ ...shared, baseURL, resource: null, ...auth });
}

// EXTERNAL MODULE: ./src/claude/google-errors.ts
var google_errors = __webpack_require__(46115);
// EXTERNAL MODULE: ./src/inputs/input-names.ts
var input_names = __webpack_require__(23760);
;// CONCATENATED MODULE: ./src/providers/vertex.ts
/**
 * Google Vertex AI: AnthropicVertex from @anthropic-ai/vertex-sdk, loaded only when chosen (it
 * brings google-auth-library, which the default path must not load). It rewrites each Messages
 * request to .../projects/{p}/locations/{r}/publishers/anthropic/models/{model}:rawPredict (or
 * :streamRawPredict), so sendOnce works unchanged; count tokens is offered too.
 *
 * The token, asked for by the SDK on every attempt (getRequestHeaders below):
 * - `vertex-access-token`, if given: a token the workflow minted (google-github-actions/auth
 *   with `token_format: access_token`), sent as it is, never refreshed.
 * - Else Application Default Credentials, the SDK's own default: the file in
 *   GOOGLE_APPLICATION_CREDENTIALS that google-github-actions/auth writes (an external_account
 *   file: the runner's OIDC token is exchanged at Google's STS, then for the service account's
 *   token), or a GCE runner's metadata server. google-auth-library caches and refreshes it.
 * Any failure there is a GoogleLoginError inside the attempt, so it is logged, retried or not
 * (claude/sdk-failures.ts), and reported like any other; none escapes as an unhandled rejection (the
 * SDK's own default starts loading ADC in its constructor, with nobody awaiting it).
 */




const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
async function vertexClient(settings, baseUrl, shared) {
    const { AnthropicVertex } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(33)]).then(__webpack_require__.bind(__webpack_require__, 82033));
    const headers = settings.accessToken !== undefined
        ? staticToken(settings.accessToken)
        : applicationDefaultCredentials(settings.projectId);
    // The SDK uses exactly these two members of the auth client it is given.
    const authClient = { projectId: settings.projectId, getRequestHeaders: headers };
    return new AnthropicVertex({
        ...shared,
        projectId: settings.projectId,
        region: settings.region,
        authClient,
        // null, not undefined: undefined would let the SDK read ANTHROPIC_VERTEX_BASE_URL, a URL no
        // check of ours has seen; null derives it from the region (https://{region}-aiplatform.googleapis.com/v1).
        baseURL: baseUrl ?? null
    });
}
function staticToken(token) {
    return () => Promise.resolve(new Headers({ authorization: `Bearer ${token}` }));
}
/**
 * google-auth-library's client for the environment, found on the first attempt (with the
 * project given, so it neither runs `gcloud` nor asks Cloud Resource Manager for it), then its
 * cached token. Not finding credentials is final: only another setup helps.
 */
function applicationDefaultCredentials(projectId) {
    let client;
    let masked;
    return async (url) => {
        client ??= __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23)).then(google => new google.GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE, projectId }).getClient());
        let found;
        try {
            found = await client;
        }
        catch (error) {
            client = undefined;
            throw new google_errors/* GoogleLoginError */.x(`no Google credentials for Vertex AI (${(0,errors/* errorText */.kc)(error)}). ` +
                `Run google-github-actions/auth before this step (the job needs 'permissions: id-token: write'), ` +
                `or pass an access token in '${input_names/* Inputs */.G0.vertexAccessToken}'`, true);
        }
        let headers;
        try {
            headers = await found.getRequestHeaders(url);
        }
        catch (error) {
            throw google_errors/* GoogleLoginError */.x.from(error);
        }
        // The minted token is never printed; masked all the same, as soon as we hold a new one.
        const token = headers.get('authorization')?.replace(/^Bearer\s+/i, '');
        if (token && token !== masked)
            secrets/* runSecrets */.To.add((masked = token), 'the Vertex AI access token');
        return headers;
    };
}

;// CONCATENATED MODULE: ./src/providers/create-client.ts
/**
 * providers/: the Messages client for the configured `provider` (anthropic, bedrock, vertex,
 * foundry). Every client is a BaseAnthropic subclass from its official SDK, built with the
 * same shared options (no SDK retries, the bounded fetch), so the retry loop, the outputs and
 * the fallback chain work the same everywhere. A cloud SDK is loaded with a dynamic import()
 * only when chosen: the default path loads none, and ncc puts each in a chunk of its own.
 *
 * To add a provider:
 * 1. inputs/input-names.ts: its name in PROVIDERS, its inputs in Inputs (and action.yml, README);
 *    inputs/provider.ts: its ProviderSettings variant, read and checked before any request,
 *    credentials taken from the environment its login action leaves behind.
 * 2. A module here whose async function imports its SDK lazily and returns a MessagesClient
 *    built with `shared`; a case for it in createProviderClient; its secrets in secretsOf.
 * 3. Its error shapes: claude/sdk-failures.ts reads its error type and request id if they are not
 *    the API's own; report/log-lines.ts holds hints keyed by its error types; retry/classify.ts
 *    lists its retryable mid-stream error types. The rules stay the same for all.
 * 4. A fake of its wire format on 127.0.0.1 in __tests__/support, reached through the SDK's
 *    base-URL option, and tests: success, throttling then success, a final 4xx, a stream.
 */






/**
 * The client for `config.provider`; its credentials are masked before it is built. Every client
 * gets the same shared options (providers/shared.ts): no SDK retries, the bounded fetch over
 * `transport.fetch`, and the gateway headers as given (a header given wins over the SDK's own).
 */
async function createProviderClient(config, transport = {}) {
    const { provider } = config;
    for (const secret of secretsOf(provider))
        secrets/* runSecrets */.To.add(secret, `a credential of the ${provider.name} provider`);
    const shared = { maxRetries: 0, fetch: boundedFetch(transport.fetch), defaultHeaders: config.headers };
    switch (provider.name) {
        case 'anthropic':
            return anthropicClient(config, shared, transport.accessToken);
        case 'bedrock':
            return bedrockClient(provider, config.baseUrl, shared);
        case 'vertex':
            return vertexClient(provider, config.baseUrl, shared);
        case 'foundry':
            return foundryClient(provider, config.baseUrl, shared);
    }
}
/** Credentials read from the environment; the Anthropic key is masked by main.ts already. */
function secretsOf(provider) {
    switch (provider.name) {
        case 'bedrock': {
            const { credentials: c } = provider;
            if (c.kind === 'keys')
                return [c.accessKeyId, c.secretAccessKey, ...(c.sessionToken ? [c.sessionToken] : [])];
            return c.kind === 'bedrock-api-key' ? [c.apiKey] : [];
        }
        case 'foundry':
            return provider.auth.kind === 'api-key' ? [provider.auth.apiKey] : [];
        case 'vertex':
            return provider.accessToken !== undefined ? [provider.accessToken] : [];
        default:
            return [];
    }
}

// EXTERNAL MODULE: ./src/report/sign-in-hints.ts
var sign_in_hints = __webpack_require__(96958);
;// CONCATENATED MODULE: ./src/phases/connect.ts
/**
 * phases/: the step's connection, before any request: the proxy-aware fetch, the keyless sign-in
 * (when federation is set; its exchange is bounded like every response) and the provider's
 * client. One prompt (main.ts) and a many-prompts run (run-many.ts) both start here.
 */





async function connect(config, loop, env) {
    const fetch = await fetchFromEnvironment(env, { attemptTimeoutMs: config.retry.attemptTimeoutMs });
    const auth = await signIn(config, { ...loop, fetch: boundedFetch(fetch), log: (0,sign_in_hints/* signInLog */.j)(config.retry) });
    if (!auth.ok)
        return { ok: false, auth };
    return { ok: true, auth, client: await createProviderClient(config, { fetch, accessToken: auth.token }) };
}


/***/ }),

/***/ 18947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ costNote),
/* harmony export */   FW: () => (/* binding */ costOutput),
/* harmony export */   Oh: () => (/* binding */ costRefusalFailure),
/* harmony export */   QU: () => (/* binding */ costStatus),
/* harmony export */   Qd: () => (/* binding */ COST_LIMIT_HINT),
/* harmony export */   fx: () => (/* binding */ COST_LIMIT_ERROR)
/* harmony export */ });
/* harmony import */ var _cost_meter_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23760);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49997);
/**
 * The cost estimate and the max-cost-usd guard in words: the refusal that stops the loop, the
 * status-line part, the log note, the `cost-usd` value.
 */



/** The error type of a refused attempt: the `error` output reads `cost_limit_exceeded: …`. */
const COST_LIMIT_ERROR = 'cost_limit_exceeded';
const usd = (value) => `$${(0,_cost_meter_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUsd */ .UK)(value)}`;
/** The guard's refusal as the loop's stopping failure: no request was sent for that attempt. */
function costRefusalFailure(refusal) {
    if (!refusal)
        return undefined;
    const { attempt, model, spentUsd, nextWorstUsd, limitUsd, inputTokens, maxTokens } = refusal;
    const limit = `'${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.maxCostUsd}' (${usd(limitUsd)})`;
    const message = refusal.unbounded
        ? `attempt ${attempt} was not sent: ${refusal.unbounded}, so ${limit} cannot be kept`
        : `attempt ${attempt} was not sent: the estimated cost so far (${usd(spentUsd)}) plus its worst case ` +
            `(${usd(nextWorstUsd)}: ${inputTokens} input tokens and ${maxTokens} output tokens on ${model}) ` +
            `would pass ${limit}`;
    return {
        kind: 'client',
        status: null,
        errorType: COST_LIMIT_ERROR,
        errorCode: null,
        requestId: null,
        message,
        headers: {}
    };
}
const COST_LIMIT_HINT = `Raise '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.maxCostUsd}', or lower '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.maxTokens}' or the prompt.`;
/** The `cost-usd` output: the estimate, or nothing when there is none. */
function costOutput(cost) {
    return cost?.usd === undefined ? undefined : (0,_cost_meter_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUsd */ .UK)(cost.usd);
}
/**
 * Nothing was billed when no response reported usage (a 401, a connection error, a cost guard
 * that refused the first attempt): "$0, from the usage of 0 responses" would read as a price.
 */
const nothingBilled = (cost) => cost.usd !== undefined && cost.attemptsPriced === 0;
/** For the summary's status line (plain text, escaped there): always labelled as an estimate. */
function costStatus(cost) {
    if (!cost || nothingBilled(cost))
        return undefined;
    return cost.usd === undefined ? `no cost estimate: ${cost.why}` : `estimated cost ${usd(cost.usd)}`;
}
/** The log's note on the estimate: what it is, or why there is none. */
function costNote(cost) {
    if (!cost || nothingBilled(cost))
        return undefined;
    if (cost.usd === undefined) {
        return `No cost estimate: ${cost.why}. '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.prices}' can give the price (USD per million tokens).`;
    }
    return `Estimated cost ${usd(cost.usd)}, from the usage of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(cost.attemptsPriced, 'response')} at list prices; failed attempts that reported no usage are not in it.`;
}


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ oneLine),
/* harmony export */   s: () => (/* binding */ outcomeOf)
/* harmony export */ });
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


/***/ }),

/***/ 41312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AH: () => (/* binding */ warnUnknownInputs),
/* harmony export */   Ct: () => (/* binding */ commentTargetFix),
/* harmony export */   Sn: () => (/* binding */ invalidInputsText),
/* harmony export */   b1: () => (/* binding */ noKeyAdvice)
/* harmony export */ });
/* unused harmony export unknownInputWarning */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23760);
/* harmony import */ var _inputs_unknown_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37327);
/**
 * The sentences about the inputs themselves: names that action.yml does not declare, and every
 * problem of a run in one message, the count first, one problem per line.
 */



/** The names as the workflow wrote them (`with:`) and as the step sees them (an `env:` can set INPUT_X too). */
function given(unknown) {
    return `Input or variable '${unknown.name}' (${(0,_inputs_unknown_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .unknownEnvName */ .H)(unknown)})`;
}
function didYouMean(meant) {
    return `did you mean '${meant.value === undefined ? meant.input : `${meant.input}: ${meant.value}`}'?`;
}
/** The warning for one undeclared name; never its value (it may be a key). */
function unknownInputWarning(unknown) {
    const { meant } = unknown;
    const head = `${given(unknown)} is not an input of this action and is ignored`;
    if (meant === undefined)
        return `${head}. The README's Inputs section lists them.`;
    if (meant.input === undefined) {
        return (`${head}: it holds command-line arguments for Claude Code, and this action runs no CLI. ` +
            `Give the request's settings as inputs instead: 'model', 'max-tokens', 'system', 'thinking' and the others in the README's Inputs section.`);
    }
    return `${head}: ${didYouMean(meant)}`;
}
/** A warning each, never a failure: a stray name must not turn a working step red. */
function warnUnknownInputs(unknown) {
    for (const name of unknown)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(unknownInputWarning(name));
}
/**
 * One problem: its sentence as it is. Several: the count, then one line each (a Markdown list;
 * a problem of several lines, such as a prompts file's, keeps them indented under its item).
 * A problem about an empty required input also names a misspelt name that was given instead.
 */
function invalidInputsText(problems, unknown = []) {
    const lines = problems.map(problem => problem.text + misspeltHint(problem, unknown));
    if (lines.length === 1)
        return lines[0];
    return [`${lines.length} problems with the inputs:`, ...lines.map(line => `- ${line.replace(/\n/g, '\n  ')}`)].join('\n');
}
function misspeltHint({ empty = [] }, unknown) {
    const misspelt = unknown.find(u => (0,_inputs_unknown_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .meantOneOf */ .BM)(u, empty));
    if (misspelt?.meant?.input === undefined)
        return '';
    return ` An input or variable '${misspelt.name}' was given: ${didYouMean(misspelt.meant)}`;
}
/**
 * Per comment target, the expression that sets it only on runs that have one: a target added to
 * COMMENT_TARGETS does not compile until it has its line here.
 */
const COMMENT_GUARDS = {
    pr: "${{ (github.event.pull_request || github.event.issue.pull_request) && 'pr' || 'none' }}",
    issue: "${{ github.event.issue && 'issue' || 'none' }}"
};
/** Added to why comment-on finds nothing to comment on in this run. */
function commentTargetFix(target) {
    return `To comment only on runs that have one, write 'comment-on: ${COMMENT_GUARDS[target]}'.`;
}
const FORK_RECIPE = `the README's fork recipe ('No-secret mode: forks and workflow tests')`;
/** Instead of "store the key as a repository secret", for runs that get no repository secrets. */
function noKeyAdvice(withheld) {
    switch (withheld) {
        case 'fork':
            return (`This run is a pull request from a fork, and GitHub gives such runs no secrets. ` +
                `Set '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.mockResponse}' for fork pull requests (no request, no key), as in ${FORK_RECIPE}.`);
        case 'dependabot':
            return (`Runs started by Dependabot get only Dependabot secrets: store the key as a Dependabot secret ` +
                `(Settings > Secrets and variables > Dependabot) under the same name, or set '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.mockResponse}' for Dependabot's runs.`);
        default:
            return undefined;
    }
}


/***/ }),

/***/ 11672:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  An: () => (/* binding */ MOCK_NOTICE),
  O_: () => (/* binding */ attemptLine),
  mx: () => (/* binding */ attemptLogger),
  pf: () => (/* binding */ boundedRecord),
  SP: () => (/* binding */ explainFailure),
  Fx: () => (/* binding */ logConfig),
  bm: () => (/* binding */ tokenCountLine),
  bL: () => (/* binding */ warnUnusedVars)
});

// UNUSED EXPORTS: SENTENCE_FIELD_BYTES, SENTENCE_MESSAGE_BYTES, describeStop

// EXTERNAL MODULE: ./src/inputs/base-url.ts
var base_url = __webpack_require__(75872);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/request/build.ts
var build = __webpack_require__(38817);
// EXTERNAL MODULE: ./src/inputs/input-names.ts
var input_names = __webpack_require__(23760);
// EXTERNAL MODULE: ./src/retry/failure.ts
var retry_failure = __webpack_require__(53472);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/cost-lines.ts
var cost_lines = __webpack_require__(18947);
;// CONCATENATED MODULE: ./src/report/provider-hints.ts

const BEDROCK_CREDENTIALS = `Check the AWS credentials: run aws-actions/configure-aws-credentials before this step, and check that its role may be assumed and has not expired.`;
const PROVIDER_HINTS = {
    AccessDeniedException: model => `Grant the role bedrock:InvokeModel (and bedrock:InvokeModelWithResponseStream when streaming) on '${model}', and enable access to the model in the Bedrock console for the region ('${input_names/* Inputs */.G0.awsRegion}').`,
    UnrecognizedClientException: () => BEDROCK_CREDENTIALS,
    InvalidSignatureException: () => BEDROCK_CREDENTIALS,
    ExpiredTokenException: () => BEDROCK_CREDENTIALS,
    ResourceNotFoundException: model => `Check the Bedrock model id '${model}' ('${input_names/* Inputs */.G0.model}'): Bedrock names models like anthropic.claude-sonnet-4-5-20250929-v1:0, or an inference profile like us.anthropic.claude-sonnet-4-5-20250929-v1:0, and the model must be offered in '${input_names/* Inputs */.G0.awsRegion}'.`,
    ValidationException: () => `Bedrock rejected the request: check '${input_names/* Inputs */.G0.model}' (a Bedrock model id or inference profile), '${input_names/* Inputs */.G0.maxTokens}', '${input_names/* Inputs */.G0.temperature}' and the prompt.`,
    ServiceQuotaExceededException: () => 'A Bedrock service quota was reached: ask for a higher quota in the Service Quotas console, or run again later.',
    // Google Vertex AI: its own refusals carry a google.rpc.Code; the login's failure is ours.
    google_login_error: () => `Check the Google login: google-github-actions/auth's 'workload_identity_provider' and 'service_account', that the pool lets this repository in, and that the job has 'permissions: id-token: write'.`,
    UNAUTHENTICATED: () => `Google refused the access token: '${input_names/* Inputs */.G0.vertexAccessToken}' is wrong or expired, or the login gave a token for another audience.`,
    PERMISSION_DENIED: model => `Grant the service account the role roles/aiplatform.user on the project ('${input_names/* Inputs */.G0.vertexProjectId}'), and enable '${model}' in Vertex AI Model Garden for that project.`,
    FAILED_PRECONDITION: model => `Enable '${model}' in Vertex AI Model Garden for the project (accept its terms), and check that it is offered in the region ('${input_names/* Inputs */.G0.vertexRegion}').`,
    NOT_FOUND: model => `Check the model name '${model}' ('${input_names/* Inputs */.G0.model}'): Vertex names carry a version, e.g. claude-sonnet-4-5@20250929. Check too that it is offered in the region ('${input_names/* Inputs */.G0.vertexRegion}') and enabled in the project ('${input_names/* Inputs */.G0.vertexProjectId}').`,
    INVALID_ARGUMENT: () => `Vertex AI rejected the request: check '${input_names/* Inputs */.G0.model}', '${input_names/* Inputs */.G0.maxTokens}', '${input_names/* Inputs */.G0.temperature}' and the prompt.`
};
/** The provider's own hint for this error type, if it has one. */
function providerHint(errorType, model) {
    return Object.hasOwn(PROVIDER_HINTS, errorType) ? PROVIDER_HINTS[errorType]?.(model) : undefined;
}
/** For the log's opening line: where the request goes, when it is not the Claude API. */
function providerNote(provider) {
    switch (provider.name) {
        case 'anthropic':
            return '';
        case 'bedrock':
            return `, on Amazon Bedrock in ${provider.region}`;
        case 'vertex':
            return `, on Google Vertex AI in ${provider.region} (project ${provider.projectId})${provider.accessToken !== undefined ? ` with the token from '${input_names/* Inputs */.G0.vertexAccessToken}'` : ''}`;
        case 'foundry':
            return `, on Microsoft Foundry${provider.resource ? ` (resource ${provider.resource})` : ''}${provider.auth.kind === 'entra-id' ? ' with a Microsoft Entra ID token' : ''}`;
    }
}

// EXTERNAL MODULE: ./src/retry/classify.ts
var classify = __webpack_require__(58206);
;// CONCATENATED MODULE: ./src/report/hints.ts
/** What the user should do about a failure: one hint, by why the loop stopped and what failed. */




const RENEWAL_HINT = `The access token from the OIDC sign-in had to be renewed before this attempt, and the renewal failed: see the 'Renewing the access token:' lines above. If it was refused, check the federation rule ('${input_names/* Inputs */.G0.federationRuleId}'); if it was transient, run again.`;
/** What the user should do about a failure; undefined when there is nothing useful to say. */
function hintFor(failure, stop, model) {
    if (stop === 'cancelled')
        return undefined;
    // Retried until the end or not, a failure at the proxy (or an untrusted certificate) is fixed there.
    const proxyHint = proxyHintFor(failure);
    if (proxyHint)
        return proxyHint;
    switch (stop) {
        case 'retries-exhausted':
            return `The failures were transient but outlasted the retries: raise '${input_names/* Inputs */.G0.maxRetries}' or '${input_names/* Inputs */.G0.totalTimeout}', or run again later.`;
        case 'deadline':
            return `Raise '${input_names/* Inputs */.G0.totalTimeout}', or lower '${input_names/* Inputs */.G0.maxDelay}' so more attempts fit in it.`;
        case 'server-wait-too-long':
            return `Raise '${input_names/* Inputs */.G0.maxDelay}' to honour the server's wait, or run again later.`;
        case 'refused':
            return failure.errorType === cost_lines/* COST_LIMIT_ERROR */.fx ? cost_lines/* COST_LIMIT_HINT */.Qd : undefined;
        case 'final-error':
            break;
    }
    if (failure.errorCode && classify/* SPEND_LIMIT_CODES */.u3.includes(failure.errorCode)) {
        return 'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.';
    }
    if ((0,classify/* serverSaysRetry */.kf)(failure.headers) === false)
        return 'The server said this request must not be retried.';
    if (failure.kind === 'sign-in')
        return RENEWAL_HINT;
    const fromProvider = providerHint(failure.errorType, model);
    if (fromProvider)
        return fromProvider;
    switch (failure.status) {
        case 400:
            return `The API rejected the request: check '${input_names/* Inputs */.G0.model}', '${input_names/* Inputs */.G0.maxTokens}' and the prompt.`;
        case 401:
            return `Check the API key: the secret passed as '${input_names/* Inputs */.G0.apiKey}' (or ANTHROPIC_API_KEY) is wrong, revoked or empty.`;
        case 402:
            return "Check the organisation's billing and credit balance in the Claude Console.";
        case 403:
            return `The key may not use this model or resource: check its workspace and model access ('${model}').`;
        case 404:
            return `Check the model name '${model}' ('${input_names/* Inputs */.G0.model}') and '${input_names/* Inputs */.G0.baseUrl}'.`;
        case 413:
            return 'The request is too large: shrink the prompt or the system prompt.';
    }
    if (failure.kind === 'client')
        return 'The SDK refused the request before sending it.';
    return undefined;
}
const PROXY_VARIABLES = 'HTTPS_PROXY (for https://) or HTTP_PROXY (for http://), or their lower-case forms, which win';
/** What to check when the request failed at the proxy (network/proxy.ts names it in the message), or its TLS. */
function proxyHintFor(failure) {
    if (failure.errorType === 'certificate_error') {
        return "The server's certificate is not signed by a CA this runner trusts. Behind a proxy that inspects TLS, set NODE_EXTRA_CA_CERTS to the path of its CA certificate (PEM) in the step's env.";
    }
    if (failure.errorType === 'proxy_connection_error') {
        return `Check that the proxy is running and reachable from the runner, and its address in ${PROXY_VARIABLES}; list hosts to reach directly in NO_PROXY.`;
    }
    if (failure.kind !== 'proxy')
        return undefined;
    if (failure.status === 407) {
        return `The proxy wants credentials: check the user and password in ${PROXY_VARIABLES} (http://user:password@host:port, special characters percent-encoded).`;
    }
    return `The proxy does not allow this connection: have the API host allowed there, or list it in NO_PROXY if the runner can reach it directly.`;
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
        errorType: (0,util_text/* clip */.$Q)(failure.errorType, SENTENCE_FIELD_BYTES),
        requestId: failure.requestId === null ? null : (0,util_text/* clip */.$Q)(failure.requestId, SENTENCE_FIELD_BYTES),
        message: (0,util_text/* clip */.$Q)(failure.message, SENTENCE_MESSAGE_BYTES)
    };
}
/** An attempt record with its server fields clipped the same way. */
function boundedRecord(record) {
    return {
        ...record,
        errorType: record.errorType === null ? null : (0,util_text/* clip */.$Q)(record.errorType, SENTENCE_FIELD_BYTES),
        requestId: record.requestId === null ? null : (0,util_text/* clip */.$Q)(record.requestId, SENTENCE_FIELD_BYTES),
        model: (0,util_text/* clip */.$Q)(record.model, SENTENCE_FIELD_BYTES)
    };
}
/** The one log line per attempt: attempt k of n, outcome, request-id, and the wait with its reason. */
function attemptLine(event, maxAttempts) {
    const failure = 'failure' in event ? { failure: bounded(event.failure) } : {};
    return (0,format/* oneLine */.T)(describeAttempt({ ...event, record: boundedRecord(event.record), ...failure }, maxAttempts));
}
function describeAttempt(event, maxAttempts) {
    const { record } = event;
    const head = `Attempt ${record.attempt} of ${maxAttempts}: ${(0,format/* outcomeOf */.s)(record)}`;
    const id = record.requestId ? ` (request-id ${record.requestId})` : '';
    const took = ` after ${(0,util_text/* formatSeconds */.Xo)(record.durationMs)}`;
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
            return `${head}${id}${took}: ${event.failure.message}. Retrying in ${(0,util_text/* formatSeconds */.Xo)(record.waitMs)} (${reason}).`;
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
            return `gave up after ${(0,util_text/* plural */.LS)(detail.attempts, 'attempt')} (max-retries is ${detail.maxRetries})`;
        case 'server-wait-too-long':
            return `the server asked to wait ${(0,util_text/* formatSeconds */.Xo)(detail.waitMs)} (${detail.said}), more than max-delay (${(0,util_text/* formatSeconds */.Xo)(detail.maxDelayMs)})`;
        case 'deadline': {
            const limit = `total-timeout (${(0,util_text/* formatSeconds */.Xo)(detail.totalTimeoutMs)})`;
            const next = detail.nextWait;
            if (!next)
                return `${limit} reached`;
            const asked = next.said
                ? `waiting ${(0,util_text/* formatSeconds */.Xo)(next.ms)} (${next.said})`
                : `the next wait (${(0,util_text/* formatSeconds */.Xo)(next.ms)})`;
            return `${asked} would end past ${limit}`;
        }
        case 'cancelled':
            return detail.during === 'wait' ? 'the step was cancelled during a wait' : 'the step was cancelled';
        case 'refused':
            return detail.why;
    }
}
/**
 * The whole failure sentence for setFailed and the summary: what, where, why it stopped, what
 * to do. `opening` replaces "Claude request failed after N attempts" (the token guard's own).
 */
function explainFailure(failure, detail, attempts, model, opening = `Claude request failed after ${(0,util_text/* plural */.LS)(attempts, 'attempt')}`, hint = hintFor(failure, detail.reason, model)) {
    const stop = detail.reason;
    if (stop === 'cancelled')
        return `Cancelled after ${(0,util_text/* plural */.LS)(attempts, 'attempt')}: ${describeStop(detail)}.`;
    if (stop === 'refused') {
        // The refusal's message is the stop's reason: say it once.
        const head = attempts === 0 ? 'No Claude request was sent' : `Claude request stopped after ${(0,util_text/* plural */.LS)(attempts, 'attempt')}`;
        return `${head}: ${(0,retry_failure/* describeFailure */.I)(failure)}.${hint ? ` ${hint}` : ''}`;
    }
    failure = bounded(failure);
    const where = [
        failure.status !== null ? `HTTP ${failure.status}` : '',
        failure.requestId ? `request-id ${failure.requestId}` : ''
    ]
        .filter(Boolean)
        .join(', ');
    return (`${opening}: ${(0,retry_failure/* describeFailure */.I)(failure)}` +
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
    const httpWarning = (0,base_url/* plainHttpWarning */.BS)(config.baseUrl);
    if (httpWarning)
        core/* warning */.$e(httpWarning);
}
/** The line that opens the log: what is asked, and under which limits. Model names are the user's text. */
function describeConfig(config) {
    const { retry: policy } = config;
    const seconds = (ms) => (ms === undefined ? 'none' : (0,util_text/* formatSeconds */.Xo)(ms));
    return (0,format/* oneLine */.T)([
        `Asking ${config.model}: ${conversationSize(config.conversation.messages)}`,
        config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
        `, max-tokens ${config.maxTokens}, ${(0,build/* streamsFor */.b7)(config.streamMode, config.maxTokens) ? 'streaming' : 'not streaming'}`,
        config.jsonSchema ? ', answer must follow json-schema' : '',
        config.attachments.length
            ? `, ${(0,util_text/* plural */.LS)(config.attachments.length, 'file')} attached (${config.attachments.reduce((n, a) => n + a.bytes, 0)} bytes)`
            : '',
        config.options.thinking ? `, thinking ${config.options.thinking.type}` : '',
        config.options.cache ? `, cache ${config.options.cache}` : '',
        providerNote(config.provider),
        config.fallbackModels.length
            ? `, fallback models ${config.fallbackModels.join(', ')} after ${config.fallbackAfter} overloads`
            : '',
        `. Up to ${(0,util_text/* plural */.LS)(policy.maxRetries + 1, 'attempt')}; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
        ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
    ].join(''));
}
/** "prompt 12 characters" for one question; "conversation of 3 turns, 96 characters" for more. */
function conversationSize(messages) {
    const characters = (content) => typeof content === 'string'
        ? content.length
        : content.reduce((sum, block) => sum + ('text' in block ? block.text.length : 0), 0);
    const total = messages.reduce((sum, message) => sum + characters(message.content), 0);
    const only = messages.length === 1 ? messages[0] : undefined;
    return only && typeof only.content === 'string'
        ? `prompt ${total} characters`
        : `conversation of ${(0,util_text/* plural */.LS)(messages.length, 'turn')}, ${total} characters`;
}
/** A warning for vars no placeholder used: a typo in a name, or a var meant for a text that is not a template. */
function warnUnusedVars(unused) {
    if (unused.length === 0)
        return;
    core/* warning */.$e(`Input '${input_names/* Inputs */.G0.vars}' has ${unused.length === 1 ? 'a var' : 'vars'} that no placeholder uses: ${unused.map(name => `'${name}'`).join(', ')}. ` +
        `Only '${input_names/* Inputs */.G0.prompt}', '${input_names/* Inputs */.G0.system}' and the messages of a '${input_names/* Inputs */.G0.promptYml}' file are templates; ` +
        `'${input_names/* Inputs */.G0.promptFile}', '${input_names/* Inputs */.G0.systemFile}' and '${input_names/* Inputs */.G0.messages}' are data and are never filled.`);
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
const MOCK_NOTICE = `'${input_names/* Inputs */.G0.mockResponse}' is set: no request is sent to the API; its text goes through the same outputs, summary and comment.`;
/** After the count that max-input-tokens (with its limit) or max-cost-usd (limit undefined) asked for. */
function tokenCountLine(count, limit) {
    const asker = limit === undefined ? `for '${input_names/* Inputs */.G0.maxCostUsd}'` : `'${input_names/* Inputs */.G0.maxInputTokens}': ${limit}`;
    return `The prompt counts ${count} input tokens (${asker}).`;
}


/***/ }),

/***/ 93952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ Outputs)
/* harmony export */ });
/**
 * Every output name in one place (the input names are in inputs/input-names.ts). A test holds
 * these against action.yml, so a rename in one without the other fails CI instead of writing an
 * output no later step reads.
 */
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
    costUsd: 'cost-usd',
    commentUrl: 'comment-url',
    total: 'total',
    succeeded: 'succeeded',
    failed: 'failed',
    resultsFile: 'results-file',
    batchIds: 'batch-ids'
};


/***/ }),

/***/ 65468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jt: () => (/* binding */ tokenCount),
/* harmony export */   uN: () => (/* binding */ outputValues)
/* harmony export */ });
/* unused harmony exports OUTPUT_BUDGET_BYTES, ERROR_OUTPUT_BYTES, RETRY_LOG_BYTES */
/* harmony import */ var _output_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93952);
/* harmony import */ var _log_lines_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11672);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(49997);
/* harmony import */ var _util_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19683);
/* harmony import */ var _cost_lines_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(18947);





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
/** A token count from the server, only if it is one (isTokenCount). */
function tokenCount(value) {
    return (0,_util_record_js__WEBPACK_IMPORTED_MODULE_3__/* .isTokenCount */ .X)(value) ? value : undefined;
}
/** Every output known for this result, as strings; unknown ones are left out rather than faked. */
function outputValues(result, responseFile) {
    const warnings = [];
    const values = {
        [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.attempts]: String(result.attempts.length),
        [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.retryLog]: retryLogValue(result.attempts, warnings),
        [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.durationMs]: String(Math.round(result.durationMs))
    };
    const lastRequestId = [...result.attempts].reverse().find(a => a.requestId)?.requestId;
    if (lastRequestId)
        values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.requestId] = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .clip */ .$Q)(lastRequestId, FIELD_OUTPUT_BYTES);
    if (result.error !== undefined)
        values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.error] = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .clip */ .$Q)(result.error, ERROR_OUTPUT_BYTES);
    if (result.inputTokensCounted !== undefined)
        values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.inputTokensCounted] = String(result.inputTokensCounted);
    const cost = (0,_cost_lines_js__WEBPACK_IMPORTED_MODULE_2__/* .costOutput */ .FW)(result.cost);
    if (cost !== undefined)
        values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.costUsd] = cost;
    const message = result.message;
    if (message) {
        // A hostile or broken server may send any JSON: strings are clipped, counts must be numbers.
        if (typeof message.model === 'string')
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.model] = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .clip */ .$Q)(message.model, FIELD_OUTPUT_BYTES);
        if (typeof message.stop_reason === 'string' && message.stop_reason)
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.stopReason] = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .clip */ .$Q)(message.stop_reason, FIELD_OUTPUT_BYTES);
        const usage = message.usage;
        const counts = [
            [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.inputTokens, usage?.input_tokens],
            [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.outputTokens, usage?.output_tokens],
            [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.cacheReadInputTokens, usage?.cache_read_input_tokens ?? 0],
            [_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.cacheCreationInputTokens, usage?.cache_creation_input_tokens ?? 0]
        ];
        for (const [name, value] of counts) {
            const count = tokenCount(value);
            if (count !== undefined)
                values[name] = String(count);
        }
    }
    if (responseFile !== undefined)
        values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.responseFile] = responseFile;
    // The large values last, in order of worth: json whole or not at all (a cut JSON is no JSON),
    // then response (cut to fit), then message (whole or not at all).
    let room = OUTPUT_BUDGET_BYTES - Object.values(values).reduce((sum, v) => sum + (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(v), 0);
    const text = result.text;
    const json = result.json;
    const messageJson = text !== undefined && message ? JSON.stringify(message) : undefined;
    const all = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json) + (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(text) + (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(messageJson);
    if (all <= room) {
        if (json !== undefined)
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.json] = json;
        if (text !== undefined && message)
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.response] = text;
        if (messageJson !== undefined)
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.message] = messageJson;
        return { values, warnings };
    }
    if (messageJson !== undefined) {
        warnings.push(`The '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.message}' output was left empty: with the response it would pass GitHub's 1 MB output limit. Read '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.responseFile}' instead.`);
    }
    if (json !== undefined) {
        if ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json) <= room) {
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.json] = json;
            room -= (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json);
        }
        else {
            warnings.push(`The '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.json}' output was left empty: its ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json)} bytes would pass GitHub's 1 MB output limit. Parse '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.responseFile}' instead.`);
        }
    }
    if (text !== undefined && message) {
        if ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(text) <= room) {
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.response] = text;
        }
        else {
            const cut = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .truncateUtf8 */ .Ck)(text, Math.max(0, room));
            values[_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.response] = cut;
            warnings.push(`The '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.response}' output holds only the first ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(cut)} bytes of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(text)}; the whole text is in '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.responseFile}'.`);
        }
    }
    return { values, warnings };
}
/** The attempts as JSON, server fields clipped; the oldest are left out past RETRY_LOG_BYTES. */
function retryLogValue(attempts, warnings) {
    const records = attempts.map(_log_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .boundedRecord */ .pf);
    let json = JSON.stringify(records);
    if ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json) <= RETRY_LOG_BYTES)
        return json;
    let kept = records.length;
    while (kept > 0 && (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(json) > RETRY_LOG_BYTES) {
        kept = Math.floor(kept / 2);
        json = JSON.stringify(records.slice(records.length - kept));
    }
    warnings.push(`The '${_output_names_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .t.retryLog}' output holds only the last ${kept} of ${records.length} attempts, to stay within GitHub's 1 MB output limit.`);
    return json;
}


/***/ }),

/***/ 65781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GR: () => (/* binding */ stepResult),
/* harmony export */   SA: () => (/* binding */ cancelledBeforeAnyRequest),
/* harmony export */   Yw: () => (/* binding */ mockResult),
/* harmony export */   aY: () => (/* binding */ invalidInput),
/* harmony export */   kk: () => (/* binding */ signInResult),
/* harmony export */   mN: () => (/* binding */ tokenGuardResult),
/* harmony export */   wM: () => (/* binding */ fallbackOf)
/* harmony export */ });
/* harmony import */ var _input_lines_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41312);
/* harmony import */ var _claude_message_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7629);
/* harmony import */ var _claude_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1623);
/* harmony import */ var _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23760);
/* harmony import */ var _retry_failure_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(53472);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(49997);
/* harmony import */ var _log_lines_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11672);
/* harmony import */ var _sign_in_hints_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(96958);
/**
 * report/: turns what happened into words and GitHub's formats. This module holds the
 * StepResult, the one value every ending of the step produces (success, failure, cancel, bad
 * input, mock, token guard), and the builders that fill it from the loop's data.
 */








/**
 * After a fallback: the model of the last attempt (the one that answered, or was tried last) and
 * the configured one it fell back from; undefined when every attempt went to the configured model.
 */
function fallbackOf(result) {
    const last = result.attempts.at(-1)?.model;
    return result.model && last !== undefined && last !== result.model ? { last, from: result.model } : undefined;
}
/** The Messages loop ended: its answer (checked against the schema) or why it failed. */
function stepResult(outcome, model, schemaCheck) {
    const common = { model, attempts: outcome.attempts, durationMs: outcome.durationMs };
    if (outcome.ok) {
        const text = (0,_claude_message_js__WEBPACK_IMPORTED_MODULE_5__/* .responseText */ .x)(outcome.value);
        const structured = schemaCheck && (0,_claude_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .checkStructured */ .ae)(text, schemaCheck);
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
        error: (0,_retry_failure_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .I)(outcome.failure),
        explanation: (0,_log_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .explainFailure */ .SP)(outcome.failure, outcome.detail, outcome.attempts.length, model)
    };
}
/** mock-response stood in for the API: the same outputs, as long as the text follows the schema. */
function mockResult(model, text, schemaCheck) {
    const structured = schemaCheck && (0,_claude_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .checkStructured */ .ae)(text, schemaCheck);
    const base = { model, attempts: [], durationMs: 0, mock: true };
    if (structured && !structured.ok) {
        const explanation = `The '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.mockResponse}' text does not follow '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.jsonSchema}': ${structured.message}.`;
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
        message: (0,_claude_message_js__WEBPACK_IMPORTED_MODULE_5__/* .mockMessage */ .G5)(text, model),
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
/** Inputs were invalid: the error names each one, and no request was sent. */
function invalidInput(problems, unknown) {
    const message = (0,_input_lines_js__WEBPACK_IMPORTED_MODULE_0__/* .invalidInputsText */ .Sn)(problems, unknown);
    const sent = problems.length === 1 ? ' No request was sent.' : '\nNo request was sent.';
    return failedBeforeAnyRequest(undefined, `invalid_input: ${message}`, `${message}${sent}`);
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
        // max-cost-usd alone counts with no token limit (Infinity).
        const asker = limit === Infinity ? _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.maxCostUsd : _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.maxInputTokens;
        const opening = `The token count for '${asker}' failed after ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_7__/* .plural */ .LS)(n, 'attempt')}, so no Messages request was sent`;
        const explanation = (0,_log_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .explainFailure */ .SP)(counted.failure, counted.detail, n, model, opening);
        const result = failedBeforeAnyRequest(model, (0,_retry_failure_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .I)(counted.failure), explanation);
        return { ...result, ...report, status: counted.stop === 'cancelled' ? 'cancelled' : 'failed' };
    }
    const explanation = `The prompt counts ${counted.value} input tokens, more than '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.maxInputTokens}' (${limit}); no Messages request was sent. Shrink the prompt or raise the limit.`;
    const result = failedBeforeAnyRequest(model, `too_many_input_tokens: ${counted.value} > ${limit}`, explanation);
    return { ...result, ...report, inputTokensCounted: counted.value };
}
/** Keyless login failed before any Messages request: the exchange's attempts are reported apart. */
function signInResult(auth, model) {
    const { failed, federation, report } = auth;
    const n = failed.attempts.length;
    const opening = `Signing in with OIDC failed after ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_7__/* .plural */ .LS)(n, 'attempt')}, so no Messages request was sent`;
    const hint = failed.stop === 'final-error' ? (0,_sign_in_hints_js__WEBPACK_IMPORTED_MODULE_4__/* .signInHint */ .k)(federation, failed.failure.status, failed.failure.errorType) : undefined;
    const explanation = (0,_log_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .explainFailure */ .SP)(failed.failure, failed.detail, n, model, opening, hint);
    const result = failedBeforeAnyRequest(model, (0,_retry_failure_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .I)(failed.failure), explanation);
    return {
        ...result,
        ...report,
        durationMs: failed.durationMs,
        status: failed.stop === 'cancelled' ? 'cancelled' : 'failed'
    };
}


/***/ }),

/***/ 64006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ shortSecretWarning),
/* harmony export */   i: () => (/* binding */ secretsReplacedNote)
/* harmony export */ });
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84537);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49997);
/** The sentences about the run's secret registry (util/secrets.ts). */


/** A credential too short to scrub from text; named (`what`, e.g. "the API key"), never shown. */
function shortSecretWarning(what) {
    return (`${what.charAt(0).toUpperCase()}${what.slice(1)} is shorter than ${_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .MIN_SECRET_CHARS */ .Sn} characters: it is masked in this log, but not replaced in ` +
        'outputs, the summary or a results file if a server echoes it. Use a longer credential.');
}
/** The summary's count of replacements; undefined when there were none. */
function secretsReplacedNote(count) {
    if (!count)
        return undefined;
    return `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(count, 'secret value')} in server text or the answer ${count === 1 ? 'was' : 'were'} replaced with ${_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .REDACTED */ .XF}`;
}


/***/ }),

/***/ 96958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ signInLog),
/* harmony export */   k: () => (/* binding */ signInHint)
/* harmony export */ });
/* harmony import */ var _inputs_federation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57364);
/* harmony import */ var _inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23760);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96421);
/* harmony import */ var _retry_classify_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(58206);
/* harmony import */ var _log_lines_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11672);
/** Keyless login (OIDC) in words: what to do when the exchange was refused. */





/** What to do when the exchange was refused (a 4xx, final): where to look, by the ids used. */
function signInHint(federation, status, errorType) {
    // Only a refusal: a retryable status is no one's setting to fix.
    if (status === null || status < 400 || (0,_retry_classify_js__WEBPACK_IMPORTED_MODULE_4__/* .isRetryableStatus */ .PS)(status))
        return;
    if (errorType === 'id_token_error') {
        return `GitHub refused to hand out the identity token: ${_inputs_federation_js__WEBPACK_IMPORTED_MODULE_0__/* .ID_TOKEN_PERMISSION_HINT */ .S}, and check '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.oidcAudience}'.`;
    }
    const ids = [
        `federation rule '${federation.ruleId}'`,
        `organization '${federation.organizationId}'`,
        federation.serviceAccountId ? `service account '${federation.serviceAccountId}'` : '',
        federation.workspaceId ? `workspace '${federation.workspaceId}'` : ''
    ].filter(Boolean);
    const audience = federation.audience ? `'${federation.audience}'` : "GitHub's default (https://github.com/<owner>)";
    return (`Anthropic refused to exchange this workflow's identity token (${ids.join(', ')}). ` +
        `Check in the Claude Console (Workload identity) that the rule exists and is enabled, that '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.federationRuleId}' ` +
        `and '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.organizationId}' are right, and that the rule's subject and audience conditions match this run: ` +
        `subject repo:<owner>/<repo>:ref:<ref> (or :pull_request, :environment:<name>), audience ${audience} ('${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.oidcAudience}').` +
        (federation.workspaceId ? '' : ` If the rule covers several workspaces, set '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.workspaceId}'.`));
}
/** Keyless login (OIDC): each token exchange logged like any attempt, under its own prefix. */
const SIGN_IN_PREFIX = 'Signing in: ';
const RENEW_PREFIX = 'Renewing the access token: ';
function signInLog(policy) {
    const first = (0,_log_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .attemptLogger */ .mx)(SIGN_IN_PREFIX, policy);
    const again = (0,_log_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .attemptLogger */ .mx)(RENEW_PREFIX, policy);
    return {
        attempt: (event, renewal) => (renewal ? again : first)(event),
        keyIgnored: () => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(`Both an API key and '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.federationRuleId}' are set: the action signs in with OIDC and does not send the key. ` +
            `Remove '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.apiKey}' (and ANTHROPIC_API_KEY) from this step.`),
        gatewayGetsIdentityToken: endpoint => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(`Keyless login (OIDC) sends GitHub's identity token to ${endpoint}, because '${_inputs_input_names_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0.baseUrl}' ` +
            `(or ANTHROPIC_BASE_URL) is not the Claude API: that gateway receives the identity token and could use it ` +
            `until it expires. Use a base URL only if you trust its operator as much as Anthropic (see SECURITY.md).`)
    };
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   VV: () => (/* binding */ escapeInline)
/* harmony export */ });
/* unused harmony exports SUMMARY_LIMIT_BYTES, MAX_TABLE_ROWS, MAX_ATTACHMENT_ROWS, attemptsGantt */
/* harmony import */ var _log_lines_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11672);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(49997);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12011);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65468);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65781);
/* harmony import */ var _cost_lines_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(18947);
/* harmony import */ var _secret_lines_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(64006);







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
/** A quote block, each line escaped on its own: an explanation may list several problems, one a line. */
function quoteLines(text) {
    return text
        .split(/\r?\n/)
        .map(line => `> ${escapeInline(line)}`)
        .join('\n');
}
/**
 * A name or server field in the status line: a code span when it is a plain identifier, else
 * escaped text. A code span cannot hold a backtick, and `end_turn\`\n\n<!--` must not open an
 * HTML comment that hides the table and the response below it.
 */
function identifier(text) {
    const value = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(String(text), 200);
    return /^[\w.:/@-]+$/.test(value) ? `\`${value}\`` : escapeInline(value);
}
/**
 * The model that answered (or was tried last): after a fallback, the one the last attempt went
 * to, said to be a fallback and from which model, as the `model` output and the answer are its.
 */
function modelPart(result) {
    if (!result.model)
        return undefined;
    const fallback = (0,_result_js__WEBPACK_IMPORTED_MODULE_2__/* .fallbackOf */ .wM)(result);
    if (!fallback)
        return `model ${identifier(result.model)}`;
    return `model ${identifier(fallback.last)} (fallback from ${identifier(fallback.from)})`;
}
function statusLine(result) {
    const parts = [
        modelPart(result),
        (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .plural */ .LS)(result.attempts.length, 'attempt'),
        result.countAttempts?.length ? `token count ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .plural */ .LS)(result.countAttempts.length, 'attempt')}` : undefined,
        result.signInAttempts?.length ? `OIDC sign-in ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .plural */ .LS)(result.signInAttempts.length, 'attempt')}` : undefined,
        (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatSeconds */ .Xo)(result.durationMs)
    ];
    if (result.mock)
        parts.push('mock response: no request was sent');
    const usage = result.message?.usage;
    // Counts come from the server: print them only when they are numbers.
    const count = (value) => String((0,_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .tokenCount */ .jt)(value) ?? '?');
    if (usage && !result.mock)
        parts.push(`${count(usage.input_tokens)} input / ${count(usage.output_tokens)} output tokens`);
    const stopReason = result.message?.stop_reason;
    if (stopReason)
        parts.push(`stop reason ${identifier(stopReason)}`);
    const cost = (0,_cost_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .costStatus */ .QU)(result.cost);
    if (cost)
        parts.push(escapeInline((0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(cost, 400)));
    const secrets = (0,_secret_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .secretsReplacedNote */ .i)(result.secretsReplaced);
    if (secrets)
        parts.push(escapeInline(secrets));
    return parts.filter(Boolean).join(' · ');
}
/** No Messages request: say whether the token guard's count was sent, and how it ended. */
function noMessagesRequest(result) {
    const count = result.countAttempts?.length;
    if (!count && result.signInAttempts?.length)
        return '_Signing in with OIDC did not succeed; no Messages request was sent._';
    if (!count)
        return '_No request was sent._';
    const how = result.inputTokensCounted !== undefined
        ? 'took'
        : result.status === 'cancelled'
            ? 'was cancelled after'
            : 'failed after';
    return `_The token count ${how} ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .plural */ .LS)(count, 'attempt')}; no Messages request was sent._`;
}
function attemptsTable(result) {
    if (result.attempts.length === 0)
        return noMessagesRequest(result);
    const attempts = result.attempts.map(_log_lines_js__WEBPACK_IMPORTED_MODULE_0__/* .boundedRecord */ .pf);
    const models = new Set(attempts.map(a => a.model));
    const row = (a) => {
        const outcome = (0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .outcomeOf */ .s)(a) + (models.size > 1 ? ` (${a.model})` : '');
        const wait = a.waitReason ? `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatSeconds */ .Xo)(a.waitMs)} (${a.waitReason})` : '—';
        const cells = [
            String(a.attempt),
            (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatSeconds */ .Xo)(a.startMs),
            (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatSeconds */ .Xo)(a.durationMs),
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
/** Past this many attached files the table shows the first ones and a count of the rest. */
const MAX_ATTACHMENT_ROWS = 50;
/** The attached files in request order: path, kind, size. Paths are the user's: escaped, clipped. */
function attachmentsTable(files) {
    const rows = files
        .slice(0, MAX_ATTACHMENT_ROWS)
        .map(f => `| ${[(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(f.path, 300), f.kind, `${f.bytes} bytes`].map(escapeInline).join(' | ')} |`);
    if (files.length > MAX_ATTACHMENT_ROWS)
        rows.push(`| … | ${files.length - MAX_ATTACHMENT_ROWS} more files | |`);
    return ['| File | Kind | Size |', '|---|---|---|', ...rows].join('\n');
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
    attempts = attempts.map(_log_lines_js__WEBPACK_IMPORTED_MODULE_0__/* .boundedRecord */ .pf);
    const models = new Set(attempts.map(a => a.model));
    for (const a of attempts) {
        const end = a.startMs + a.durationMs;
        const outcome = (0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .outcomeOf */ .s)(a);
        const model = models.size > 1 ? ` ${a.model}` : '';
        const tag = a.errorType === null ? 'done' : 'crit';
        lines.push(`  ${ganttLabel(`Attempt ${a.attempt} ${outcome}${model}`)} :${tag}, a${a.attempt}, ${a.startMs}, ${end}`);
    }
    const waits = attempts.filter(a => a.waitReason !== null);
    if (waits.length > 0)
        lines.push('  section Waits');
    for (const a of waits) {
        const start = a.startMs + a.durationMs;
        lines.push(`  ${ganttLabel(`${a.waitReason} ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatSeconds */ .Xo)(a.waitMs)}`)} :w${a.attempt}, ${start}, ${start + a.waitMs}`);
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
        head.push(quoteLines((0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(result.explanation, EXPLANATION_BYTES)), '');
    head.push('#### Attempts', '', attemptsTable(result), '');
    if (result.attempts.length > 0 && result.attempts.length <= MAX_TABLE_ROWS)
        head.push(attemptsGantt(result.attempts), '');
    if (result.attachments?.length)
        head.push('#### Attachments', '', attachmentsTable(result.attachments), '');
    let summary = head.join('\n');
    if (mode === 'metadata' || result.text === undefined)
        return summary;
    summary += '\n#### Response\n\n';
    const room = SUMMARY_LIMIT_BYTES - (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .utf8Bytes */ .dy)(summary);
    if ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .utf8Bytes */ .dy)(result.text) <= room)
        return `${summary}${result.text}\n`;
    const note = `> The response is ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .utf8Bytes */ .dy)(result.text)} bytes; only its start fits in a job summary. The whole text is in the \`response-file\` output${responseFile ? ` (\`${responseFile}\`)` : ''}.\n\n`;
    return `${summary}${note}${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .truncateUtf8 */ .Ck)(result.text, room - (0,_util_text_js__WEBPACK_IMPORTED_MODULE_5__/* .utf8Bytes */ .dy)(note) - 1)}\n`;
}


/***/ }),

/***/ 35959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mv: () => (/* binding */ AttachmentError),
  b1: () => (/* binding */ LIMITS),
  aV: () => (/* binding */ cacheControl),
  J5: () => (/* binding */ checkLimits),
  V4: () => (/* binding */ describeAttachment),
  ix: () => (/* binding */ megabytes),
  xA: () => (/* binding */ toAttachment),
  vR: () => (/* binding */ withAttachments)
});

// UNUSED EXPORTS: textWithHeader

// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
;// CONCATENATED MODULE: ./src/request/image-size.ts
/**
 * request/: pure shaping of the Messages request (no fs, no env). This module: what an image's
 * bytes say it is (PNG, JPEG, GIF, WebP by their magic bytes, not their file name) and its size
 * in pixels, read from the header so the API's dimension limits are checked before sending.
 */
const startsWith = (data, bytes, at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (text) => [...text].map(c => c.charCodeAt(0));
/** The image kind by magic bytes, with its dimensions; undefined when the bytes are no image the API takes. */
function imageInfo(data) {
    if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
        // IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
        const ok = data.length >= 24 && startsWith(data, ascii('IHDR'), 12);
        return { mediaType: 'image/png', width: ok ? u32be(data, 16) : undefined, height: ok ? u32be(data, 20) : undefined };
    }
    if (startsWith(data, [0xff, 0xd8, 0xff]))
        return { mediaType: 'image/jpeg', ...jpegSize(data) };
    if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) {
        const ok = data.length >= 10;
        return { mediaType: 'image/gif', width: ok ? u16le(data, 6) : undefined, height: ok ? u16le(data, 8) : undefined };
    }
    if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) {
        return { mediaType: 'image/webp', ...webpSize(data) };
    }
    return undefined;
}
const UNKNOWN = { width: undefined, height: undefined };
const u16be = (d, i) => ((d[i] ?? 0) << 8) | (d[i + 1] ?? 0);
const u16le = (d, i) => (d[i] ?? 0) | ((d[i + 1] ?? 0) << 8);
const u24le = (d, i) => u16le(d, i) | ((d[i + 2] ?? 0) << 16);
const u32be = (d, i) => u16be(d, i) * 0x10000 + u16be(d, i + 2);
/** Walks the JPEG segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(data) {
    let i = 2;
    while (i + 3 < data.length) {
        if (data[i] !== 0xff)
            return UNKNOWN;
        const marker = data[i + 1];
        if (marker === 0xff) {
            i += 1; // fill byte
            continue;
        }
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
            i += 2; // no length field
            continue;
        }
        if (marker === 0xda || marker === 0xd9)
            return UNKNOWN; // scan data or end before any frame header
        const length = u16be(data, i + 2);
        const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isFrame) {
            if (i + 8 >= data.length)
                return UNKNOWN;
            return { height: u16be(data, i + 5), width: u16be(data, i + 7) };
        }
        if (length < 2)
            return UNKNOWN;
        i += 2 + length;
    }
    return UNKNOWN;
}
/** The first chunk after the RIFF header: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webpSize(data) {
    if (startsWith(data, ascii('VP8 '), 12)) {
        if (data.length < 30)
            return UNKNOWN;
        return { width: u16le(data, 26) & 0x3fff, height: u16le(data, 28) & 0x3fff };
    }
    if (startsWith(data, ascii('VP8L'), 12)) {
        if (data.length < 25)
            return UNKNOWN;
        const [b0, b1, b2, b3] = [data[21], data[22], data[23], data[24]].map(b => b ?? 0);
        return { width: 1 + (b0 | ((b1 & 0x3f) << 8)), height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)) };
    }
    if (startsWith(data, ascii('VP8X'), 12) && data.length >= 30)
        return { width: 1 + u24le(data, 24), height: 1 + u24le(data, 27) };
    return UNKNOWN;
}

;// CONCATENATED MODULE: ./src/request/attachments.ts


/** A file that cannot be attached, or a request over a limit: the message names the file and the limit. */
class AttachmentError extends Error {
    name = 'AttachmentError';
}
const ACCEPTED_KINDS = 'a text file (valid UTF-8 without NUL bytes), a PDF, or a PNG, JPEG, GIF or WebP image (recognised by their first bytes)';
/** File names that promise a binary kind: a mismatch with the bytes is an error, not a guess. */
const BINARY_EXTENSIONS = {
    '.pdf': 'a PDF',
    '.png': 'a PNG image',
    '.jpg': 'a JPEG image',
    '.jpeg': 'a JPEG image',
    '.gif': 'a GIF image',
    '.webp': 'a WebP image'
};
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/**
 * The block for one file. The kind comes from the bytes: PDF and image magic first, then text
 * (valid UTF-8 without NUL bytes, whatever the extension). A text file becomes a text block
 * headed by its path, so the model can tell files apart and name them.
 */
function toAttachment(path, data) {
    const base = { path, bytes: data.length };
    const base64 = () => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
    if (PDF_MAGIC.every((b, i) => data[i] === b)) {
        return {
            ...base,
            kind: 'pdf',
            mediaType: 'application/pdf',
            block: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64() } }
        };
    }
    const image = imageInfo(data);
    if (image) {
        if (image.width === undefined || image.height === undefined) {
            throw new AttachmentError(`'${path}' starts like ${image.mediaType} but its size cannot be read from its header: the file is truncated or damaged`);
        }
        return {
            ...base,
            kind: 'image',
            mediaType: image.mediaType,
            width: image.width,
            height: image.height,
            block: { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: base64() } }
        };
    }
    const promised = BINARY_EXTENSIONS[extensionOf(path)];
    if (promised)
        throw new AttachmentError(`'${path}' is named like ${promised}, but its bytes are not one`);
    const text = utf8Text(data);
    if (text === undefined) {
        throw new AttachmentError(`'${path}' is not a kind of file the API accepts. Expected ${ACCEPTED_KINDS}`);
    }
    return { ...base, kind: 'text', mediaType: 'text/plain', block: { type: 'text', text: textWithHeader(path, text) } };
}
/** `<file path="…">`, the content, `</file>`: the path quoted as an XML attribute. */
function textWithHeader(path, text) {
    const quoted = path.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<file path="${quoted}">\n${text}${text.endsWith('\n') ? '' : '\n'}</file>`;
}
function utf8Text(data) {
    if (data.includes(0))
        return undefined;
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(data);
    }
    catch {
        return undefined;
    }
}
/** The name's extension; the name starts after the last separator, '/' or (on Windows, where paths are shown with it) '\\'. */
function extensionOf(path) {
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    const dot = name.lastIndexOf('.');
    return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}
/**
 * The API's published limits (checked 2026-11-29):
 * - images: at most 600 per request (100 for models with a 200k-token context window), each at
 *   most 8000×8000 px, or 2000×2000 px when a request holds more than 20 images
 *   (https://platform.claude.com/docs/en/build-with-claude/vision, "General limits");
 * - an image's base64 data at most 5 MB: the API answers "image exceeds 5 MB maximum:
 *   N bytes > 5242880 bytes" (messages.N.content.N.image.source.base64);
 * - a request at most 32 MB on the Messages and token-counting endpoints, else 413
 *   request_too_large (https://platform.claude.com/docs/en/api/overview, "Request size limits");
 *   PDFs at most 100 pages per request (https://platform.claude.com/docs/en/build-with-claude/pdf-support):
 *   not checked here, as counting pages means parsing the PDF (its page tree is often compressed).
 */
const LIMITS = {
    maxImages: 600,
    maxImageSide: 8000,
    manyImages: 20,
    maxImageSideWhenMany: 2000,
    maxImageBase64Bytes: 5 * 1024 * 1024,
    maxRequestBytes: 32 * 1024 * 1024
};
/**
 * Throws an AttachmentError naming the first limit the attachments break. `otherBytes` is the
 * rest of the request as JSON (prompt, system prompt): the size limit is on the whole body.
 */
function checkLimits(attachments, otherBytes, limits = LIMITS) {
    const images = attachments.filter(a => a.kind === 'image');
    if (images.length > limits.maxImages) {
        throw new AttachmentError(`${images.length} images are attached; the API accepts at most ${limits.maxImages} in one request`);
    }
    const many = images.length > limits.manyImages;
    const maxSide = many ? limits.maxImageSideWhenMany : limits.maxImageSide;
    for (const image of images) {
        const base64Bytes = Math.ceil(image.bytes / 3) * 4;
        if (base64Bytes > limits.maxImageBase64Bytes) {
            throw new AttachmentError(`'${image.path}' is ${image.bytes} bytes, ${base64Bytes} as base64; the API accepts at most ${limits.maxImageBase64Bytes} bytes of base64 per image (5 MB, about 3.75 MB of image)`);
        }
        if ((image.width ?? 0) > maxSide || (image.height ?? 0) > maxSide) {
            const why = many ? ` when a request holds more than ${limits.manyImages} images (it holds ${images.length})` : '';
            throw new AttachmentError(`'${image.path}' is ${image.width}×${image.height} px; the API accepts at most ${maxSide}×${maxSide} px per image${why}`);
        }
    }
    const total = otherBytes + attachments.reduce((sum, a) => sum + (0,util_text/* utf8Bytes */.dy)(JSON.stringify(a.block)), 0);
    if (total > limits.maxRequestBytes) {
        throw new AttachmentError(`the attachments and the prompt come to ${total} bytes in the request; the API accepts at most ${limits.maxRequestBytes} bytes (${megabytes(limits.maxRequestBytes)}) in one request`);
    }
}
/** 33554432 → '32 MB', as the API's documentation names its limit. */
const megabytes = (bytes) => `${bytes / (1024 * 1024)} MB`;
/**
 * The conversation with the attachments put first in its last turn, the user's question (conversation.ts
 * makes sure it ends with one). Without
 * attachments it is unchanged. With `cache`, the last attachment carries the cache breakpoint.
 */
function withAttachments(messages, attachments, cache) {
    const last = messages.at(-1);
    if (attachments.length === 0 || last === undefined)
        return [...messages];
    const blocks = attachments.map(a => a.block);
    if (cache) {
        const i = blocks.length - 1;
        blocks[i] = { ...blocks[i], cache_control: cacheControl(cache) };
    }
    const question = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
    return [...messages.slice(0, -1), { role: 'user', content: [...blocks, ...question] }];
}
function cacheControl(ttl) {
    return { type: 'ephemeral', ttl };
}
/** What the summary lists about a file. */
function describeAttachment(a) {
    const kind = a.kind === 'image' ? `image (${a.mediaType.slice('image/'.length).toUpperCase()}, ${a.width}×${a.height})` : a.kind;
    return { path: a.path, kind: kind === 'pdf' ? 'PDF' : kind, bytes: a.bytes };
}


/***/ }),

/***/ 38817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b7: () => (/* binding */ streamsFor),
/* harmony export */   gq: () => (/* binding */ STREAM_MODES),
/* harmony export */   mK: () => (/* binding */ buildRequest)
/* harmony export */ });
/* unused harmony export sdkRequiresStreaming */
/* harmony import */ var _attachments_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35959);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(36167);


function buildRequest(parts) {
    const { cache } = parts.options;
    return {
        model: parts.model,
        max_tokens: parts.maxTokens,
        messages: (0,_attachments_js__WEBPACK_IMPORTED_MODULE_0__/* .withAttachments */ .vR)(parts.messages, parts.attachments, cache),
        ...parts.sampling,
        ...(parts.system !== undefined ? { system: (0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .systemParam */ .RY)(parts.system, cache) } : {}),
        // output_config (json-schema's format, effort), thinking, stop_sequences, service_tier, metadata.
        ...(0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .optionFields */ .Vo)(parts.options, parts.jsonSchema)
    };
}
const STREAM_MODES = ['auto', 'true', 'false'];
/**
 * The SDK's rule for when a non-streamed call may take too long: its expected duration (60 min per
 * 128k tokens) is over 10 min, i.e. max_tokens above 21,333 (client.calculateNonstreamingTimeout).
 * The SDK refuses such a call when it is given no timeout (the action always gives one); an idle
 * connection that long is what proxies cut. A unit test checks this threshold against the SDK.
 */
const SDK_LONGEST_NONSTREAMING_MS = 10 * 60 * 1000;
const SDK_MS_PER_128K_TOKENS = 60 * 60 * 1000;
function sdkRequiresStreaming(maxTokens) {
    return (SDK_MS_PER_128K_TOKENS * maxTokens) / 128_000 > SDK_LONGEST_NONSTREAMING_MS;
}
/** Whether a request with `maxTokens` streams: `auto` by the SDK's rule above, else as the input says. */
function streamsFor(mode, maxTokens) {
    return mode === 'auto' ? sdkRequiresStreaming(maxTokens) : mode === 'true';
}


/***/ }),

/***/ 86426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ SAMPLING_REMOVED),
/* harmony export */   y: () => (/* binding */ RequestInputError)
/* harmony export */ });
/**
 * request/: pure shaping of the Messages request from what the inputs hold: templates, the
 * conversation's checks, the .prompt.yml mapping. No file system, no environment: inputs/ reads
 * those and calls in here, and turns a RequestInputError into its ConfigError.
 */
/** A complete sentence naming the input (or file field), the value and what is accepted. */
class RequestInputError extends Error {
    name = 'RequestInputError';
}
/**
 * The API version the SDK sends (anthropic-version 2026-10-21) removed temperature, top_p and
 * top_k: a request with any of them gets a 400 after the step has started. Refused here instead.
 */
const SAMPLING_REMOVED = 'the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, and answers 400 to a request that carries any of them';


/***/ }),

/***/ 36167:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CN: () => (/* binding */ SERVICE_TIERS),
/* harmony export */   Oq: () => (/* binding */ MIN_THINKING_BUDGET),
/* harmony export */   RY: () => (/* binding */ systemParam),
/* harmony export */   Vo: () => (/* binding */ optionFields),
/* harmony export */   _R: () => (/* binding */ CACHE_MODES),
/* harmony export */   ig: () => (/* binding */ EFFORTS)
/* harmony export */ });
/* unused harmony export NO_OPTIONS */
/* harmony import */ var _attachments_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35959);

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];
const SERVICE_TIERS = ['auto', 'standard_only'];
const CACHE_MODES = ['none', '5m', '1h'];
/** The budget the API accepts: at least this, and less than max_tokens (ThinkingConfigEnabled). */
const MIN_THINKING_BUDGET = 1024;
const NO_OPTIONS = {
    thinking: undefined,
    effort: undefined,
    stopSequences: [],
    serviceTier: undefined,
    metadataUserId: undefined,
    cache: undefined
};
/**
 * The request fields the options (and a json-schema) add. output_config holds both the answer's
 * format and the effort, so the two are merged here.
 */
function optionFields(options, jsonSchema) {
    const outputConfig = {
        ...(jsonSchema !== undefined ? { format: { type: 'json_schema', schema: jsonSchema } } : {}),
        ...(options.effort ? { effort: options.effort } : {})
    };
    return {
        ...(options.thinking ? { thinking: options.thinking } : {}),
        ...(Object.keys(outputConfig).length > 0 ? { output_config: outputConfig } : {}),
        ...(options.stopSequences.length > 0 ? { stop_sequences: options.stopSequences } : {}),
        ...(options.serviceTier ? { service_tier: options.serviceTier } : {}),
        ...(options.metadataUserId !== undefined ? { metadata: { user_id: options.metadataUserId } } : {})
    };
}
/** The system prompt: a plain string, or one text block carrying the cache breakpoint. */
function systemParam(system, cache) {
    return cache ? [{ type: 'text', text: system, cache_control: (0,_attachments_js__WEBPACK_IMPORTED_MODULE_0__/* .cacheControl */ .aV)(cache) }] : system;
}


/***/ }),

/***/ 68974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay)
/* harmony export */ });
/* unused harmony exports exponentialCap, decorrelatedJitter */
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


/***/ }),

/***/ 58206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ classify),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   X0: () => (/* binding */ RATE_LIMIT_BUCKETS),
/* harmony export */   cj: () => (/* binding */ throttleWait),
/* harmony export */   kf: () => (/* binding */ serverSaysRetry),
/* harmony export */   u3: () => (/* binding */ SPEND_LIMIT_CODES)
/* harmony export */ });
/* unused harmony export serverRequestedWait */
const SPEND_LIMIT_CODES = ['enforced_spend_limit_reached', 'contract_spend_limit_reached'];
/**
 * Error types of a mid-stream `error` event that are worth another attempt: the API's, and
 * Amazon Bedrock's exception frames, which the Bedrock SDK names in camel case.
 */
const RETRYABLE_STREAM_ERROR_TYPES = [
    'overloaded_error',
    'api_error',
    'rate_limit_error',
    'timeout_error',
    'throttlingException',
    'serviceUnavailableException',
    'internalServerException',
    'modelStreamErrorException',
    'modelTimeoutException',
    'modelNotReadyException'
];
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
    const serverWait = failure.status === 429 ? throttleWait(failure.headers, nowMs) : serverRequestedWait(failure.headers, nowMs);
    return serverWait ? { ...decision, serverWait } : decision;
}
function retryOrNot(failure) {
    if (failure.kind === 'cancelled')
        return { retry: false, why: 'the step was cancelled' };
    if (failure.kind === 'client')
        return { retry: false, why: 'the request could not be built' };
    if (failure.kind === 'sign-in')
        return { retry: false, why: 'signing in again failed, after its own retries' };
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
        case 'proxy':
            // Credentials or the proxy's rules; an unreachable proxy or its 5xx is a 'connection' failure.
            return { retry: false, why: 'the proxy refused the connection' };
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
/** When a 429 says capacity returns: its retry-after, else the latest reset of an exhausted bucket. */
function throttleWait(headers, nowMs) {
    return serverRequestedWait(headers, nowMs) ?? rateLimitResetWait(headers, nowMs);
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


/***/ }),

/***/ 53472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ describeFailure)
/* harmony export */ });
/** `<error type>: <message>`, the form of the `error` output. */
function describeFailure(failure) {
    return failure.kind === 'cancelled' ? 'cancelled' : `${failure.errorType}: ${failure.message}`;
}


/***/ }),

/***/ 69258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ retry)
/* harmony export */ });
/* harmony import */ var _backoff_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68974);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58206);


/**
 * The retry loop: one request per attempt, at most policy.maxRetries + 1 of them, waits from the
 * server or the jittered backoff, and a deadline no wait may cross.
 */
async function retry(policy, deps) {
    // Asked before the clock starts, so the loop starts with its first attempt (startMs 0).
    const first = deps.beforeAttempt?.(1);
    const start = deps.now();
    const deadline = deps.deadline ?? (policy.totalTimeoutMs === undefined ? Infinity : start + policy.totalTimeoutMs);
    const attempts = [];
    let previousWaitMs;
    const stop = (record, failure, detail) => {
        deps.onAttempt?.({ record, outcome: 'stop', failure, stop: detail.reason, detail });
        return { ok: false, failure, stop: detail.reason, detail, attempts, durationMs: deps.now() - start };
    };
    const totalTimeoutMs = policy.totalTimeoutMs ?? 0;
    const refused = (failure, attempt) => {
        const detail = { reason: 'refused', attempt, why: failure.message };
        return { ok: false, failure, stop: 'refused', detail, attempts, durationMs: deps.now() - start };
    };
    if (first)
        return refused(first, 1);
    for (let attempt = 1;; attempt++) {
        const attemptStart = attempt === 1 ? start : deps.now();
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
            : (0,_classify_js__WEBPACK_IMPORTED_MODULE_0__/* .classify */ .L8)(failure, end);
        if (!decision.retry)
            return stop(record, failure, { reason: 'final-error', why: decision.why });
        if (attempt > policy.maxRetries) {
            return stop(record, failure, { reason: 'retries-exhausted', attempts: attempt, maxRetries: policy.maxRetries });
        }
        if (end >= deadline)
            return stop(record, failure, { reason: 'deadline', totalTimeoutMs });
        const refusal = deps.beforeAttempt?.(attempt + 1);
        if (refusal) {
            const outcome = refused(refusal, attempt + 1);
            deps.onAttempt?.({ record, outcome: 'stop', failure, stop: 'refused', detail: outcome.detail });
            return outcome;
        }
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
            waitMs = Math.min(policy.maxDelayMs, serverWait.ms + (0,_backoff_js__WEBPACK_IMPORTED_MODULE_1__/* .backoffDelay */ .EY)(attempt, previousWaitMs, policy, deps.random));
        }
        else {
            waitMs = (0,_backoff_js__WEBPACK_IMPORTED_MODULE_1__/* .backoffDelay */ .EY)(attempt, previousWaitMs, policy, deps.random);
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


/***/ }),

/***/ 10929:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _o: () => (/* binding */ MAX_TIMER_MS),
/* harmony export */   mD: () => (/* binding */ longTimeout),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
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


/***/ }),

/***/ 70017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TJ: () => (/* binding */ causeNamed),
/* harmony export */   ev: () => (/* binding */ isNamed),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   lh: () => (/* binding */ findCode)
/* harmony export */ });
/**
 * Reading thrown values by shape, never by `instanceof`: fetch's errors and those of jest's vm
 * modules come from another realm. fetch nests the system error (ECONNREFUSED, a certificate
 * code) and a proxy's refusal one or more causes deep.
 */
/** How far along a cause chain the helpers look. */
const MAX_DEPTH = 4;
function isNamed(error, name) {
    return error?.name === name;
}
/** The first error named `name` along the cause chain, `error` itself included. */
function causeNamed(error, name, depth = 0) {
    if (depth > MAX_DEPTH || typeof error !== 'object' || error === null)
        return undefined;
    return isNamed(error, name) ? error : causeNamed(error.cause, name, depth + 1);
}
/** The first string `code` along the cause chain. */
function findCode(value, depth = 0) {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null)
        return undefined;
    const { code, cause } = value;
    return typeof code === 'string' ? code : findCode(cause, depth + 1);
}
/** The message of anything Error-shaped, whatever realm it came from. */
function errorMessage(error) {
    const message = error?.message;
    return typeof error === 'object' && typeof message === 'string' ? message : undefined;
}
function errorText(error) {
    return errorMessage(error) ?? String(error);
}


/***/ }),

/***/ 19683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ isTokenCount),
/* harmony export */   u: () => (/* binding */ isRecord)
/* harmony export */ });
/** A plain JSON object (not null, not an array): the one check every parser of untrusted JSON or YAML uses. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * A token count from a server, only if it is one: a whole number, not negative. One rule for the
 * answer's check (claude/message.ts), the cost estimate and the outputs.
 */
function isTokenCount(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}


/***/ }),

/***/ 84537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ho: () => (/* binding */ scrubText),
/* harmony export */   Sn: () => (/* binding */ MIN_SECRET_CHARS),
/* harmony export */   To: () => (/* binding */ runSecrets),
/* harmony export */   XF: () => (/* binding */ REDACTED),
/* harmony export */   YY: () => (/* binding */ scrubAnswer),
/* harmony export */   wE: () => (/* binding */ scrubDeep)
/* harmony export */ });
/* unused harmony export SecretRegistry */
/**
 * Every secret value the run knows, in one registry, and the one scrub that cuts them from text.
 *
 * A server may echo what it was sent: a gateway's credential header, an OIDC access token, a
 * Vertex token, a proxy password. `::add-mask::` hides a value only in the live log; an output,
 * the summary, a results file uploaded as an artifact or a comment would still carry it. So
 * whatever becomes our data (a failure's text, a Message, a batch result) is scrubbed where it
 * is made (claude/redact.ts), against this registry.
 *
 * Values shorter than MIN_SECRET_CHARS are not registered: replacing a short string (`42`,
 * `eu-1`) everywhere would garble the text without hiding anything worth hiding. They are still
 * masked in the live log, and the run is told (a warning that names the credential, never its
 * value).
 *
 * The registry has no side effect of its own: main.ts and run-many.ts start it with `mask`
 * (core.setSecret, the live log's mask) and `tooShort` (the warning).
 */
/** The shortest value the scrub replaces. */
const MIN_SECRET_CHARS = 8;
/** What a secret becomes in text. */
const REDACTED = '[REDACTED]';
/**
 * `text` with every occurrence of any of `secrets` replaced by REDACTED. Occurrences that
 * overlap or touch (two secrets sharing characters) become one REDACTED, so no tail of either
 * is left. `replaced` counts the REDACTED inserted. Pure: the caller passes the list.
 */
function scrubText(text, secrets) {
    const spans = [];
    for (const secret of secrets) {
        if (secret === '')
            continue;
        for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
            spans.push([at, at + secret.length]);
        }
    }
    if (spans.length === 0)
        return { value: text, replaced: 0 };
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let cursor = 0;
    let replaced = 0;
    for (let i = 0; i < spans.length;) {
        const start = spans[i][0];
        let end = spans[i][1];
        for (i++; i < spans.length && spans[i][0] <= end; i++) {
            end = Math.max(end, spans[i][1]);
        }
        out += text.slice(cursor, start) + REDACTED;
        cursor = end;
        replaced++;
    }
    return { value: out + text.slice(cursor), replaced };
}
/** Every string (object keys included) in a JSON value scrubbed; the shape is kept. */
function scrubDeep(value, secrets) {
    let replaced = 0;
    const walk = (item) => {
        if (typeof item === 'string') {
            const scrubbed = scrubText(item, secrets);
            replaced += scrubbed.replaced;
            return scrubbed.value;
        }
        if (Array.isArray(item))
            return item.map(walk);
        if (typeof item === 'object' && item !== null) {
            return Object.fromEntries(Object.entries(item).map(([name, inner]) => [walk(name), walk(inner)]));
        }
        return item;
    };
    const out = walk(value);
    return { value: replaced === 0 ? value : out, replaced };
}
/**
 * The model's answer: when it is JSON, scrubbed string by string inside the parsed value, so the
 * `json` output stays valid JSON (a replacement in the raw text could land inside an escape, or
 * miss a secret the JSON escaped); the text is then the value written out again. Otherwise the
 * text as it is.
 */
function scrubAnswer(text, secrets) {
    if (secrets.length === 0)
        return { value: text, replaced: 0 };
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return scrubText(text, secrets);
    }
    const scrubbed = scrubDeep(parsed, secrets);
    return scrubbed.replaced === 0 ? { value: text, replaced: 0 } : { ...scrubbed, value: JSON.stringify(scrubbed.value) };
}
/** The forms a value may take in text that echoes it: as given, inside a JSON string, URL-encoded. */
function formsOf(value) {
    return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}
class SecretRegistry {
    values = [];
    short = new Set();
    hooks = {};
    /** How many secret values the scrubs of this run replaced (the summary says so). */
    replaced = 0;
    /** A fresh run: no values, no count, these hooks. */
    start(hooks) {
        this.values = [];
        this.short.clear();
        this.replaced = 0;
        this.hooks = hooks;
    }
    /** Registers `value` (and its encoded forms) under `what`, e.g. "the OIDC access token". */
    add(value, what) {
        if (value === undefined || value === '' || this.values.includes(value))
            return;
        if (value.length < MIN_SECRET_CHARS) {
            // Still masked in the live log, as any credential always was; only the scrub leaves it.
            if (!this.short.has(value)) {
                this.hooks.mask?.(value);
                this.hooks.tooShort?.(what);
            }
            this.short.add(value);
            return;
        }
        this.hooks.mask?.(value);
        for (const form of formsOf(value))
            if (!this.values.includes(form))
                this.values.push(form);
    }
    /** The registered values and their forms, for the pure scrubs above. */
    list() {
        return this.values;
    }
    /** Applies a pure scrub with this registry's values and counts what it replaced. */
    apply(scrubbed) {
        const { value, replaced } = scrubbed(this.values);
        this.replaced += replaced;
        return value;
    }
}
/** The run's registry (one step, one process). */
const runSecrets = new SecretRegistry();


/***/ }),

/***/ 49997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   Ck: () => (/* binding */ truncateUtf8),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   dy: () => (/* binding */ utf8Bytes)
/* harmony export */ });
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
/** A count with its noun, for people: "1 attempt", "3 attempts" (`nouns` when the plural is not noun + s). The one way the action counts things in words. */
const plural = (count, noun, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;


/***/ })

};
