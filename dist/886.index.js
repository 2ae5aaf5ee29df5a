export const id = 886;
export const ids = [886];
export const modules = {

/***/ 886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connect: () => (/* binding */ connect),
  modeFor: () => (/* binding */ modeFor),
  promptItem: () => (/* binding */ promptItem),
  runMany: () => (/* binding */ runMany)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/auth/sign-in.ts + 2 modules
var sign_in = __webpack_require__(6324);
// EXTERNAL MODULE: ./src/claude/bounded-fetch.ts
var bounded_fetch = __webpack_require__(52962);
// EXTERNAL MODULE: ./src/claude/client.ts
var claude_client = __webpack_require__(66399);
// EXTERNAL MODULE: ./src/claude/message.ts
var claude_message = __webpack_require__(7629);
// EXTERNAL MODULE: ./src/inputs/files.ts
var files = __webpack_require__(3622);
// EXTERNAL MODULE: ./src/inputs/names.ts
var names = __webpack_require__(85585);
// EXTERNAL MODULE: ./src/network/proxy.ts + 1 modules
var proxy = __webpack_require__(88885);
// EXTERNAL MODULE: ./src/providers/index.ts + 5 modules
var providers = __webpack_require__(38671);
// EXTERNAL MODULE: ./src/report/log-lines.ts + 2 modules
var log_lines = __webpack_require__(11672);
// EXTERNAL MODULE: ./src/report/sign-in.ts
var report_sign_in = __webpack_require__(50489);
// EXTERNAL MODULE: ./src/retry/failure.ts
var failure = __webpack_require__(53472);
// EXTERNAL MODULE: ./src/retry/sleep.ts
var sleep = __webpack_require__(10929);
// EXTERNAL MODULE: ./src/claude/fallback.ts
var fallback = __webpack_require__(48586);
// EXTERNAL MODULE: ./src/claude/schema.ts
var schema = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/cost/meter.ts + 1 modules
var cost_meter = __webpack_require__(13534);
// EXTERNAL MODULE: ./src/inputs/config.ts + 13 modules
var inputs_config = __webpack_require__(91557);
// EXTERNAL MODULE: ./src/report/cost-lines.ts
var cost_lines = __webpack_require__(18947);
// EXTERNAL MODULE: ./src/retry/loop.ts + 1 modules
var retry_loop = __webpack_require__(61190);
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
    const models = new fallback/* ModelChain */.R([item.params.model, ...config.fallbackModels.filter(m => m !== item.params.model)], config.fallbackAfter);
    const meter = new cost_meter/* CostMeter */.F6(config.cost, item.params, undefined);
    const stream = config.stream || (0,inputs_config/* sdkRequiresStreaming */.$P)(item.params.max_tokens);
    const outcome = await (0,retry_loop/* retry */.L)(config.retry, {
        ...loop,
        attempt: run.fresh(async (context) => {
            const waitStart = loop.now();
            const current = ticket ?? (await limiter.acquire(context.signal, deadline));
            ticket = undefined;
            const timeoutMs = context.timeoutMs - (loop.now() - waitStart);
            if (!current || timeoutMs <= 0) {
                const failure = context.signal.aborted ? { ...DEADLINE_FAILURE, kind: 'cancelled' } : DEADLINE_FAILURE;
                return { ok: false, failure, model: models.current };
            }
            const result = meter.recorded(await run.send({ ...item.params, model: models.current }, stream, { ...context, timeoutMs }));
            if (result.ok) {
                limiter.observe(current, result.status, result.headers ?? {});
                limiter.spent(result.value.usage);
            }
            else if (result.failure.status !== null) {
                limiter.observe(current, result.failure.status, result.failure.headers);
            }
            return run.schemaCheck ? (0,schema/* withSchemaCheck */.I6)(result, run.schemaCheck) : result;
        }, models),
        beforeAttempt: attempt => (0,cost_lines/* costRefusalFailure */.Oh)(meter.check(attempt, models.current)),
        switchModel: failure => models.afterFailure(failure),
        onAttempt: event => {
            if (event.outcome !== 'success')
                run.log(`[${item.id}] ${(0,log_lines/* attemptLine */.O_)(event, config.retry.maxRetries + 1)}`);
        }
    });
    return { result: itemResult(item, outcome, run.schemaCheck !== undefined), cost: meter.estimate() };
}
/** A results-file line from the loop's outcome. */
function itemResult(item, outcome, withJson) {
    const last = outcome.attempts.at(-1);
    const common = { id: item.id, attempts: outcome.attempts.length, request_id: last?.requestId ?? null };
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
function notStarted(item, reason) {
    return { id: item.id, status: 'failed', attempts: 0, error: reason };
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
 *   bucket, else 1 s), each waking with its own jitter, and cuts the measured rate by 0.7 (the
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
        let wait;
        const afterMs = Number(headers['retry-after-ms']);
        const after = Number(headers['retry-after']);
        if (Number.isFinite(afterMs) && afterMs >= 0)
            wait = afterMs;
        else if (Number.isFinite(after) && after >= 0)
            wait = after * 1000;
        else {
            for (const [bucket, state] of this.buckets) {
                const exhausted = headers[`anthropic-ratelimit-${bucket}-remaining`]?.trim() === '0';
                if (exhausted && state.resetAt !== undefined && state.resetAt > now) {
                    wait = Math.max(wait ?? 0, state.resetAt - now);
                }
            }
        }
        const pause = Math.min(MAX_PAUSE_MS, wait ?? DEFAULT_PAUSE_MS);
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
            if (loop.signal.aborted || loop.now() >= deadline)
                return;
            const item = run.items[next];
            if (item === undefined)
                return;
            next++;
            const outcome = await runItem(run, limiter, item);
            if (!outcome) {
                unstarted.push(item);
                return;
            }
            await run.recorder.record(outcome.result, outcome.cost);
            // One debug line per item (shown with debug logging on): ids are [A-Za-z0-9_-] only.
            run.debug?.(`[${item.id}] ${outcome.result.status} after ${outcome.result.attempts} attempt(s); on disk`);
        }
    };
    const workers = Math.max(1, Math.min(run.many.concurrency, run.items.length));
    await Promise.all(Array.from({ length: workers }, worker));
    unstarted.push(...run.items.slice(next));
    if (unstarted.length === 0)
        return { stopped: undefined, limiter };
    const reason = loop.signal.aborted ? 'cancelled' : 'deadline';
    // File order, whatever order the workers gave up in.
    const lines = new Map(run.items.map((item, index) => [item.id, index]));
    unstarted.sort((a, b) => (lines.get(a.id) ?? 0) - (lines.get(b.id) ?? 0));
    await run.recorder.recordAll(unstarted.map(item => notStarted(item, reason)));
    return { stopped: reason, limiter };
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/many/recorder.ts
/** The failed items the summary lists; the rest are counted. */
const LISTED_FAILURES = 50;
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
    /** Items finished by this run (skipped ones not included). */
    get done() {
        return this.tally.completions.length;
    }
    /** Writes one result (on disk when this resolves) and counts it. */
    async record(result, cost) {
        await this.file.write(result);
        this.count(result);
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
    /** Items that ended together without a request (deadline, cancel): one write, one fsync. */
    async recordAll(results) {
        if (results.length === 0)
            return;
        await this.file.writeAll(results);
        for (const result of results)
            this.count(result);
    }
    count(result) {
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

;// CONCATENATED MODULE: ./src/many/summary.ts
/**
 * The job summary of a many-prompts run: totals, a Mermaid chart of completions over time, the
 * failed items (the first LISTED_FAILURES, then a count) and where the results file is. Error
 * texts come from servers and ids from the prompts file: every cell is escaped.
 */





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
function renderManySummary(report) {
    const { tally } = report;
    const ok = tally.failed === 0 && report.stopped === undefined;
    const title = report.stopped === 'cancelled'
        ? '⚠️ Ask Claude (many prompts) was cancelled'
        : ok
            ? '✅ Ask Claude (many prompts) succeeded'
            : '❌ Ask Claude (many prompts) had failures';
    const rows = [
        ['Items', `${tally.total}`],
        ['Succeeded', `${tally.succeeded}${tally.skipped > 0 ? ` (${tally.skipped} skipped: succeeded before)` : ''}`],
        ['Failed', `${tally.failed}`],
        ['Mode', report.mode],
        ['Requests', `${tally.requests}${report.throttles ? ` (${(0,util_text/* plural */.LS)(report.throttles, 'rate-limit pause')})` : ''}`],
        ['Input tokens', `${tally.inputTokens}`],
        ['Output tokens', `${tally.outputTokens}`],
        ['Duration', (0,util_text/* formatSeconds */.Xo)(report.durationMs)]
    ];
    if (tally.costUsd !== undefined)
        rows.push(['Estimated cost', `$${(0,cost_meter/* formatUsd */.UK)(tally.costUsd)}`]);
    if (report.stopped === 'deadline')
        rows.push(['Stopped', 'total-timeout reached: items not started are failed']);
    for (const note of report.notes ?? [])
        rows.push(['Note', note]);
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
    lines.push(`Every result is in \`results-file\`: ${(0,summary/* escapeInline */.VV)(report.resultsFile)} (JSONL, one line per id). ` +
        'Files under RUNNER_TEMP do not outlive the job: upload it with actions/upload-artifact to keep it.', '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/many/publish.ts
/**
 * The end of a many-prompts step, in order: outputs, the job summary, then the step's status.
 * The step fails when any item failed for good (after its retries), was not started by the
 * deadline, or the run was cancelled; only final failures count, so a 429 or 529 that a retry
 * got past never turns the workflow red. Everything is written before the step fails.
 */







function manyOutputs(report, model) {
    const { tally } = report;
    const values = {
        [names/* Outputs */.tY.total]: String(tally.total),
        [names/* Outputs */.tY.succeeded]: String(tally.succeeded),
        [names/* Outputs */.tY.failed]: String(tally.failed),
        [names/* Outputs */.tY.resultsFile]: report.resultsFile,
        [names/* Outputs */.tY.inputTokens]: String(tally.inputTokens),
        [names/* Outputs */.tY.outputTokens]: String(tally.outputTokens),
        [names/* Outputs */.tY.cacheReadInputTokens]: String(tally.cacheReadInputTokens),
        [names/* Outputs */.tY.cacheCreationInputTokens]: String(tally.cacheCreationInputTokens),
        [names/* Outputs */.tY.attempts]: String(tally.requests),
        [names/* Outputs */.tY.durationMs]: String(Math.round(report.durationMs)),
        [names/* Outputs */.tY.model]: model
    };
    if (tally.costUsd !== undefined && tally.requests > 0)
        values[names/* Outputs */.tY.costUsd] = (0,cost_meter/* formatUsd */.UK)(tally.costUsd);
    if (report.batchIds?.length)
        values[names/* Outputs */.tY.batchIds] = report.batchIds.join(',');
    const error = errorOf(report);
    if (error !== undefined)
        values[names/* Outputs */.tY.error] = error;
    return values;
}
/** The `error` output: `cancelled`, or `items_failed: N of M items failed`. */
function errorOf(report) {
    if (report.stopped === 'cancelled')
        return 'cancelled';
    const { failed, total } = report.tally;
    return failed > 0 ? `items_failed: ${failed} of ${total} items failed` : undefined;
}
async function publishMany(report, config) {
    for (const [name, value] of Object.entries(manyOutputs(report, config.model)))
        core/* setOutput */.uH(name, value);
    if (config.summary !== 'off' && process.env.GITHUB_STEP_SUMMARY) {
        await core/* summary */.z.addRaw(renderManySummary(report)).write();
    }
    const { tally } = report;
    const where = `Every result is in results-file: ${report.resultsFile}.`;
    if (report.stopped === 'cancelled') {
        core/* setFailed */.C1(`Cancelled after ${tally.succeeded - tally.skipped} of ${tally.total - tally.skipped} items succeeded; ` +
            `the rest are failed with 'cancelled'. ${where} Run again with '${names/* Inputs */.G0.resume}: true' to send only what is missing.`);
    }
    else if (tally.failed > 0) {
        const first = tally.failures[0];
        core/* setFailed */.C1((0,format/* oneLine */.T)((report.explanation ? `${report.explanation} ` : '') +
            `${tally.failed} of ${tally.total} items failed` +
            (report.stopped === 'deadline'
                ? ' (total-timeout reached: items not started are failed with `deadline`)'
                : '') +
            (first ? `; the first: '${first.id}': ${first.error ?? ''}` : '') +
            `. ${where} Run again with '${names/* Inputs */.G0.resume}: true' to retry only the failed ones.`));
    }
    else {
        core/* info */.pq(`Done: ${(0,util_text/* plural */.LS)(tally.succeeded, 'item')} succeeded (${(0,util_text/* plural */.LS)(tally.requests, 'request')}) in ${(0,util_text/* formatSeconds */.Xo)(report.durationMs)}. ${where}`);
    }
}

;// CONCATENATED MODULE: ./src/many/progress.ts
/**
 * The progress line of a many-prompts run: at least every 10 s and once at the end, with
 * done/total, the rate, an ETA and the failures so far.
 */

const PROGRESS_EVERY_MS = 10_000;
/** "Progress: 12/20 items (60%), 3.1 items/s, ETA 2.58 s, 1 failed". Skipped (resumed) items are outside done/total. */
function progressLine(tally, elapsedMs, extra = '') {
    const total = tally.total - tally.skipped;
    const done = tally.completions.length;
    const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    const eta = done >= total ? 'done' : rate > 0 ? `ETA ${(0,util_text/* formatSeconds */.Xo)(((total - done) * 1000) / rate)}` : 'ETA unknown';
    return (`Progress: ${done}/${total} items (${percent}%), ${rate.toFixed(2)} items/s, ${eta}, ${tally.failed} failed` +
        (tally.skipped > 0 ? `, ${tally.skipped} skipped (succeeded before)` : '') +
        extra);
}
/** Logs progressLine every PROGRESS_EVERY_MS until the returned stop() (which logs the last one). */
function startProgress(tally, clock, log, extra = () => '') {
    const start = clock.now();
    const stopped = new AbortController();
    const ticking = (async () => {
        for (;;) {
            await clock.sleep(PROGRESS_EVERY_MS, stopped.signal);
            if (stopped.signal.aborted)
                return;
            log(progressLine(tally, clock.now() - start, extra()));
        }
    })();
    return async () => {
        stopped.abort();
        await ticking;
        log(progressLine(tally, clock.now() - start, extra()));
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
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




class ResultsFileError extends Error {
    name = 'ResultsFileError';
}
const WRITE_FLAGS = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_APPEND | external_node_fs_.constants.O_NOFOLLOW | (external_node_fs_.constants.O_NONBLOCK ?? 0);
class ResultsFile {
    path;
    handle;
    /** With resume: ids whose last result succeeded (to skip). */
    succeededBefore;
    /** With resume: every id the file held, with its last status. */
    before;
    pending = Promise.resolve();
    closed = false;
    constructor(path, handle, before) {
        this.path = path;
        this.handle = handle;
        this.before = before;
        this.succeededBefore = new Set([...before].filter(([, status]) => status === 'succeeded').map(([id]) => id));
    }
    static async open(file, options) {
        const target = external_node_path_default().resolve(file);
        await makeFolder(external_node_path_default().dirname(target), options.roots);
        const existing = await lstatOrUndefined(target);
        if (existing && !existing.isFile()) {
            throw new ResultsFileError(`${target} exists and is not a regular file (a symlink, folder or device); refused.`);
        }
        let before = new Map();
        if (options.resume && existing) {
            before = await compact(target);
        }
        else {
            await writeAtomically(target, async () => { });
        }
        const handle = await openForAppend(target);
        return new ResultsFile(target, handle, before);
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
    const { id, status, response, json, usage, stop_reason, model, attempts, request_id, error } = r;
    return { id, status, response, json, usage, stop_reason, model, attempts, request_id, error };
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
 * Rewrites `file` keeping each id's last line, streaming (two passes: the last line number of each
 * id, then the lines to keep), so a large file is never held in memory. Returns each id's status.
 */
async function compact(file) {
    const last = new Map();
    let index = 0;
    for await (const result of readResults(file))
        last.set(result.id, { index: index++, status: result.status });
    await writeAtomically(file, async (out) => {
        let i = 0;
        for await (const result of readResults(file)) {
            if (last.get(result.id)?.index === i++)
                await out(`${JSON.stringify(orderedResult(result))}\n`);
        }
    });
    return new Map([...last].map(([id, { status }]) => [id, status]));
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

;// CONCATENATED MODULE: ./src/many/run.ts
/**
 * A many-prompts step, wired: results file (resumed or fresh) → the items to send → mode (direct
 * below the batch threshold, Message Batches from it) → outputs, summary and the step's status.
 * main.ts hands the step here when prompts-file or batch-ids is given.
 */



















/** The request of one line: the inputs' request (buildRequest), the line's fields winning. */
function promptItem(config, line) {
    const params = (0,claude_client/* buildRequest */.mK)({
        ...config,
        model: line.model ?? config.model,
        maxTokens: line.maxTokens ?? config.maxTokens,
        system: line.system ?? undefined,
        conversation: { ...config.conversation, messages: line.messages }
    });
    return { id: line.id, line: line.line, params };
}
/** auto: Message Batches from Defaults.batchThreshold items (after shard and resume), direct below. */
function modeFor(many, items) {
    if (many.batchIds.length > 0)
        return 'batch';
    if (many.mode === 'auto')
        return items >= names/* Defaults */.Hw.batchThreshold ? 'batch' : 'direct';
    return many.mode;
}
async function runMany(config, many, schemaCheck, cancel) {
    const clock = { now: Date.now, sleep: sleep/* sleep */.yy, random: Math.random };
    const startedAt = clock.now();
    const totalMs = config.retry.totalTimeoutMs;
    const loop = { ...clock, signal: cancel, deadline: totalMs === undefined ? undefined : startedAt + totalMs };
    // The default is our own fresh mkdtemp folder; a path the workflow chose must stay under the roots.
    const path = many.resultsFile ?? (0,files/* createOutputFile */.OH)('results.jsonl', '', process.env);
    const roots = many.resultsFile === undefined ? undefined : many.roots;
    let file;
    try {
        file = await ResultsFile.open(path, { resume: many.resume, roots });
    }
    catch (error) {
        if (!(error instanceof ResultsFileError) && error.code === undefined)
            throw error;
        core/* setOutput */.uH('error', `invalid_input: ${error.message}`);
        core/* setFailed */.C1(`Input '${names/* Inputs */.G0.resultsFile}' cannot be used: ${error.message}`);
        return;
    }
    const items = many.lines.filter(line => !file.succeededBefore.has(line.id)).map(line => promptItem(config, line));
    const recorder = new Recorder(file, many.lines.length, many.lines.length - items.length, clock, startedAt);
    const mode = modeFor(many, items.length);
    core/* info */.pq(startLine(config, many, items.length, mode, file.path));
    let report;
    try {
        if (mode === 'batch') {
            // The slot for Message Batches: report = await runBatches(...) from src/many/batch.ts, with
            // config, many, items, recorder, schemaCheck, loop and a client from connect() below.
            throw new Error("batch mode: not yet (this build has no Message Batches engine); use 'mode: direct'");
        }
        report = await direct(config, many, items, recorder, schemaCheck, loop);
    }
    finally {
        await file.close();
    }
    await publishMany(report, config);
}
function startLine(config, many, sending, mode, path) {
    const shard = many.shard ? ` (shard ${many.shard.index}/${many.shard.count} of ${many.fileLines} lines)` : '';
    const skipped = many.lines.length - sending;
    return (`Many prompts: ${many.lines.length} items${shard}` +
        (skipped > 0 ? `, ${skipped} skipped (succeeded in the resumed results-file)` : '') +
        `, ${sending} to send in ${mode} mode` +
        (mode === 'direct' ? ` with concurrency ${Math.min(many.concurrency, Math.max(1, sending))}` : '') +
        `; default model ${config.model}, max-tokens ${config.maxTokens}; up to ${config.retry.maxRetries + 1} attempts per item` +
        `; results-file ${path}.`);
}
async function direct(config, many, items, recorder, schemaCheck, loop) {
    const base = { tally: recorder.tally, mode: 'direct', resultsFile: recorder.file.path };
    const setup = await connect(config, loop);
    if (!setup.ok) {
        await recorder.recordAll(items.map(item => ({ id: item.id, status: 'failed', attempts: 0, error: setup.error })));
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
    const stopProgress = startProgress(recorder.tally, loop, line => core/* info */.pq(line), () => (limiter.throttles > 0 ? `, ${limiter.throttles} rate-limit pauses` : ''));
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
/** The client (after keyless sign-in), or mock-response's stand-in. */
async function connect(config, loop) {
    const mock = config.mockResponse;
    if (mock !== undefined) {
        core/* info */.pq(log_lines/* MOCK_NOTICE */.An);
        const send = async (request) => {
            const value = (0,claude_message/* mockMessage */.G5)(mock, request.model);
            return { ok: true, value, status: 200, requestId: null, model: request.model };
        };
        return { ok: true, send, client: undefined, fresh: attempt => attempt };
    }
    const fetch = await (0,proxy/* fetchFromEnvironment */.a)(process.env);
    const auth = await (0,sign_in/* signIn */.Jv)(config, { ...loop, fetch: (0,bounded_fetch/* boundedFetch */.A)(fetch), log: (0,report_sign_in/* signInLog */.j)(config.retry) });
    if (!auth.ok) {
        const error = (0,failure/* describeFailure */.I)(auth.failed.failure);
        return { ok: false, error, explanation: `Signing in with OIDC failed (${error}), so no item was sent.` };
    }
    const client = await (0,providers/* createProviderClient */.r)(config, { fetch, accessToken: auth.token });
    return {
        ok: true,
        client,
        fresh: auth.fresh,
        send: (request, stream, context) => (0,claude_client/* sendOnce */.E4)(client, request, stream, context)
    };
}


/***/ })

};
