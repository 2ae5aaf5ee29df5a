import { parseYamlStrict, readRepoFile } from '../support/workflow-files.js'

/**
 * What the GitHub Marketplace checks when a release is listed (at the release's tag, so a wrong
 * value found then needs a new release): action.yml parsed as the runner parses it, and its
 * description, branding colour and branding icon held to the Marketplace's rules.
 */
const action = parseYamlStrict(readRepoFile('action.yml'), 'action.yml') as {
  name?: unknown
  description?: unknown
  branding?: { icon?: unknown; color?: unknown }
}

/** "Description must be less than 125 characters", the Marketplace's refusal when a release is listed. */
const MAX_DESCRIPTION = 124

// GitHub's metadata syntax reference, branding.color and branding.icon:
// https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#brandingcolor
// https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#brandingicon
// (formerly .../creating-actions/metadata-syntax-for-github-actions#branding).
const COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']

/** The page's "exhaustive list of all currently supported icons" (Feather v4.28.0, brand icons and a few others omitted). */
const ICONS = new Set(
  `
  activity airplay alert-circle alert-octagon alert-triangle align-center align-justify align-left
  align-right anchor aperture archive arrow-down-circle arrow-down-left arrow-down-right arrow-down
  arrow-left-circle arrow-left arrow-right-circle arrow-right arrow-up-circle arrow-up-left arrow-up-right
  arrow-up at-sign award bar-chart-2 bar-chart battery-charging battery bell-off bell bluetooth bold
  book-open book bookmark box briefcase calendar camera-off camera cast check-circle check-square check
  chevron-down chevron-left chevron-right chevron-up chevrons-down chevrons-left chevrons-right chevrons-up
  circle clipboard clock cloud-drizzle cloud-lightning cloud-off cloud-rain cloud-snow cloud code command
  compass copy corner-down-left corner-down-right corner-left-down corner-left-up corner-right-down
  corner-right-up corner-up-left corner-up-right cpu credit-card crop crosshair database delete disc
  dollar-sign download-cloud download droplet edit-2 edit-3 edit external-link eye-off eye fast-forward
  feather file-minus file-plus file-text file film filter flag folder-minus folder-plus folder gift
  git-branch git-commit git-merge git-pull-request globe grid hard-drive hash headphones heart help-circle
  home image inbox info italic layers layout life-buoy link-2 link list loader lock log-in log-out mail
  map-pin map maximize-2 maximize menu message-circle message-square mic-off mic minimize-2 minimize
  minus-circle minus-square minus monitor moon more-horizontal more-vertical move music navigation-2
  navigation octagon package paperclip pause-circle pause percent phone-call phone-forwarded phone-incoming
  phone-missed phone-off phone-outgoing phone pie-chart play-circle play plus-circle plus-square plus pocket
  power printer radio refresh-ccw refresh-cw repeat rewind rotate-ccw rotate-cw rss save scissors search
  send server settings share-2 share shield-off shield shopping-bag shopping-cart shuffle sidebar skip-back
  skip-forward slash sliders smartphone speaker square star stop-circle sun sunrise sunset table tablet tag
  target terminal thermometer thumbs-down thumbs-up toggle-left toggle-right trash-2 trash trending-down
  trending-up triangle truck tv type umbrella underline unlock upload-cloud upload user-check user-minus
  user-plus user-x user users video-off video voicemail volume-1 volume-2 volume-x volume watch wifi-off
  wifi wind x-circle x-square x zap-off zap zoom-in zoom-out
`
    .split(/\s+/)
    .filter(Boolean)
)

/** Feather icons the page names as omitted: valid Feather names that the Marketplace still refuses. */
const OMITTED = [
  'coffee',
  'columns',
  'divide-circle',
  'divide-square',
  'divide',
  'frown',
  'hexagon',
  'key',
  'meh',
  'mouse-pointer',
  'smile',
  'tool',
  'x-octagon'
]

describe('action.yml for the Marketplace', () => {
  it('has a name', () => {
    expect(typeof action.name).toBe('string')
    expect((action.name as string).trim()).not.toBe('')
  })

  it(`has a one-line description of at most ${MAX_DESCRIPTION} characters, as the folded scalar reads`, () => {
    const description = action.description as string
    expect(typeof description).toBe('string')
    expect(description).not.toMatch(/\n/)
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION)
    // Still says what the action does.
    expect(description).toMatch(/Claude/)
    expect(description).toMatch(/retries/)
    expect(description).toMatch(/outputs/)
    expect(description).toMatch(/summary/)
  })

  it('has a branding colour the Marketplace allows', () => {
    expect(COLORS).toContain(action.branding?.color)
  })

  it('has a branding icon the Marketplace allows', () => {
    expect(ICONS.has(action.branding?.icon as string)).toBe(true)
  })

  it("knows the lists: 9 colours, the icons from GitHub's page, none of them omitted", () => {
    expect(new Set(COLORS).size).toBe(9)
    expect(ICONS.size).toBe(257)
    expect(ICONS.has('message-circle')).toBe(true)
    for (const icon of OMITTED) expect([icon, ICONS.has(icon)]).toEqual([icon, false])
  })
})
