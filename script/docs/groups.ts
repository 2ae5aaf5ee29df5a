/**
 * How the reference groups action.yml's inputs and outputs, and which topic page says more about
 * each. Links are relative to docs/. Every input and output must be in exactly one group: a new
 * input in action.yml fails `npm run docs` (and its test) until it is placed here.
 */
export interface Group {
  title: string
  /** name → a Markdown link to the topic page that explains it, or '' for none. */
  entries: Record<string, string>
}

const FILE_RULE = '[the file rule](../SECURITY.md#files-the-action-reads-and-writes)'
const TEMPLATES = '[Templates](prompts-and-files.md#templates-vars)'
const PROMPT_YML = '[Prompt files](prompts-and-files.md#prompt-files-prompt-yml-and-migrating-from-actionsai-inference)'
const ATTACHMENTS = '[Attachments](prompts-and-files.md#attachments)'
const STRUCTURED = '[Structured output](prompts-and-files.md#structured-output)'
const OPTIONS = '[Request options](request-options.md)'
const PROVIDERS = '[Providers](providers.md#amazon-bedrock-google-vertex-ai-microsoft-foundry)'
const GATEWAY = '[Behind a proxy or an LLM gateway](providers.md#behind-a-proxy-or-an-llm-gateway)'
const OIDC = '[Keyless login with OIDC](providers.md#keyless-login-with-oidc)'
const RETRIES = '[How retries work](retries.md#how-retries-work)'
const FALLBACK = '[Model fallback](retries.md#model-fallback)'
const COST = '[Cost](cost.md#cost)'
const COMMENTS = '[Posting the answer](comments.md#posting-the-answer-on-the-pr-or-issue)'
const REVIEW = '[Review comments on the lines](comments.md#review-comments-on-the-lines)'
const MANY = '[Many prompts in one step](many-prompts.md)'
const BATCH = '[Batch mode](many-prompts.md#batch-mode-message-batches)'

export const INPUT_GROUPS: Group[] = [
  {
    title: 'What to ask',
    entries: {
      prompt: TEMPLATES,
      'prompt-file': FILE_RULE,
      system: '',
      'system-file': FILE_RULE,
      vars: TEMPLATES,
      'prompt-yml': PROMPT_YML,
      messages: '[Conversations](prompts-and-files.md#conversations-messages)',
      files: ATTACHMENTS,
      'max-files': ATTACHMENTS,
      'files-optional': ATTACHMENTS
    }
  },
  {
    title: 'The model and the request',
    entries: {
      model: '[Model names per provider](providers.md#amazon-bedrock-google-vertex-ai-microsoft-foundry)',
      'max-tokens': '',
      thinking: OPTIONS,
      effort: OPTIONS,
      'stop-sequences': OPTIONS,
      'service-tier': OPTIONS,
      'metadata-user-id': OPTIONS,
      cache: OPTIONS,
      'json-schema': STRUCTURED,
      'json-schema-file': STRUCTURED,
      temperature: OPTIONS
    }
  },
  {
    title: 'Where Claude runs, and how the action signs in',
    entries: {
      provider: PROVIDERS,
      'anthropic-api-key': '[Quick start](../README.md#quick-start)',
      'base-url': GATEWAY,
      headers: GATEWAY,
      'federation-rule-id': OIDC,
      'organization-id': OIDC,
      'service-account-id': OIDC,
      'workspace-id': OIDC,
      'oidc-audience': OIDC,
      'aws-region': '[Amazon Bedrock](providers.md#amazon-bedrock)',
      'vertex-project-id': '[Google Vertex AI](providers.md#google-vertex-ai)',
      'vertex-region': '[Google Vertex AI](providers.md#google-vertex-ai)',
      'vertex-access-token': '[Google Vertex AI](providers.md#google-vertex-ai)',
      'foundry-resource': '[Microsoft Foundry](providers.md#microsoft-foundry)'
    }
  },
  {
    title: 'Retries, waits and fallback',
    entries: {
      'max-retries': RETRIES,
      'base-delay': RETRIES,
      'max-delay': RETRIES,
      jitter: '[How long to wait, and which jitter to choose](retries.md#which-jitter-to-choose)',
      timeout: RETRIES,
      'total-timeout': RETRIES,
      stream: '',
      'fallback-models': FALLBACK,
      'fallback-after': FALLBACK
    }
  },
  {
    title: "Guards, cost and the answer's destinations",
    entries: {
      'max-input-tokens': '[Token guard](cost.md#token-guard)',
      'max-cost-usd': COST,
      prices: COST,
      summary: '[The job summary](outputs-and-summary.md#the-job-summary)',
      'comment-on': COMMENTS,
      'github-token': COMMENTS,
      'comment-key': COMMENTS,
      'pr-diff': REVIEW,
      'pr-diff-exclude': REVIEW,
      'max-review-comments': REVIEW,
      'review-suggestions': REVIEW,
      'mock-response': '[No-secret mode](comments.md#no-secret-mode-forks-and-workflow-tests)'
    }
  },
  {
    title: 'Many prompts in one step',
    entries: {
      'prompts-file': MANY,
      'results-file': MANY,
      resume: MANY,
      concurrency: MANY,
      mode: MANY,
      'batch-wait': '[Submit now, collect later](many-prompts.md#submit-now-collect-later)',
      'batch-ids': '[Submit now, collect later](many-prompts.md#submit-now-collect-later)',
      shard: MANY
    }
  }
]

export const OUTPUT_GROUPS: Group[] = [
  {
    title: 'The answer',
    entries: {
      response: '',
      'response-file': '[Using the outputs in later jobs](outputs-and-summary.md#using-the-outputs-in-later-jobs)',
      message: '',
      json: STRUCTURED,
      model: FALLBACK,
      'stop-reason': ''
    }
  },
  {
    title: 'How the call went',
    entries: {
      attempts: '',
      'retry-log': '[The retry log](outputs-and-summary.md#the-retry-log)',
      'duration-ms': '',
      'request-id': '',
      error: '[When an input is wrong](troubleshooting.md)',
      'comment-url': COMMENTS,
      'review-comments': REVIEW
    }
  },
  {
    title: 'Tokens and cost',
    entries: {
      'input-tokens': '',
      'output-tokens': '',
      'cache-read-input-tokens': OPTIONS,
      'cache-creation-input-tokens': OPTIONS,
      'input-tokens-counted': '[Token guard](cost.md#token-guard)',
      'cost-usd': COST
    }
  },
  {
    title: 'Many prompts in one step',
    entries: {
      total: MANY,
      succeeded: MANY,
      failed: MANY,
      'results-file': MANY,
      'batch-ids': BATCH
    }
  }
]
