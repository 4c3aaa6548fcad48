// Clicks through the auditor page of a running hub in a real headless Chromium (Debian's), driven by playwright-core.
// Run by AuditPageBrowserIT; by hand (inside a demo workdir, with `wildex serve` running):
//   WILDEX_URL=https://localhost:8443 WILDEX_PACKAGE=<package id> WILDEX_PKI=wildex-demo/pki \
//   WILDEX_EXPECT='{"ncb-cn":"AMBER+STRICT"}' node ops/src/test/browser/audit-page.mjs
// Environment:
//   WILDEX_URL        the hub's HTTPS base URL
//   WILDEX_PACKAGE    a package id whose trail has deliveries
//   WILDEX_PKI        folder with auditor.crt.pem/.key.pem and an NGO's (WILDEX_NGO, default eia) for the 403 check
//   WILDEX_EXPECT     JSON {recipient: level} the recipients table must show exactly
//   WILDEX_FORBIDDEN  JSON [strings] that must appear nowhere on the page (package content)
//   WILDEX_OUT        folder for the screenshot and the downloaded bundle (default: a temp folder)
//   CHROMIUM          the browser binary (default /usr/bin/chromium)
// Exit 0 and "PASS" last when every step held; exit 1 and "FAIL: ..." otherwise.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error('environment variable ' + name + ' is required');
  return v;
};
const base = env('WILDEX_URL').replace(/\/$/, '');
const packageId = env('WILDEX_PACKAGE');
const pki = env('WILDEX_PKI');
const ngo = env('WILDEX_NGO', 'eia');
const expected = JSON.parse(env('WILDEX_EXPECT'));
const forbidden = JSON.parse(env('WILDEX_FORBIDDEN', '[]'));
const out = env('WILDEX_OUT', fs.mkdtempSync(path.join(os.tmpdir(), 'wildex-audit-page-')));
const executablePath = env('CHROMIUM', '/usr/bin/chromium');

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log('ok   ' + message);
}

function contextFor(browser, id) {
  return browser.newContext({
    acceptDownloads: true,
    // the demo CA is not in the browser's store: the hub's certificate is checked by the Java side of the test
    ignoreHTTPSErrors: true,
    clientCertificates: [{
      origin: base,
      certPath: path.join(pki, id + '.crt.pem'),
      keyPath: path.join(pki, id + '.key.pem'),
    }],
  });
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
let failed = null;
try {
  // 1. an NGO's certificate gets no page
  const ngoContext = await contextFor(browser, ngo);
  const ngoPage = await ngoContext.newPage();
  const refused = await ngoPage.goto(base + '/audit/');
  check(refused.status() === 403, 'the page refuses the NGO certificate ' + ngo + ' with 403 (got ' + refused.status() + ')');
  check((await refused.text()).includes('CLIENT_NOT_AUDITOR'), 'the refusal names CLIENT_NOT_AUDITOR');
  await ngoContext.close();

  // 2. the auditor searches the package
  const context = await contextFor(browser, 'auditor');
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const answer = await page.goto(base + '/audit');
  check(answer.status() === 200 && page.url() === base + '/audit/', 'the auditor gets the page (200), /audit leads to /audit/');
  check((answer.headers()['content-security-policy'] || '').includes("script-src 'self'"), 'the page is served with a CSP');
  check((await page.title()) === 'wildex audit trail', 'the page is the audit trail page');

  await page.fill('#package-id', 'not-an-id');
  await page.click('#search-button');
  await page.waitForSelector('#status[data-kind="error"]');
  check(await page.locator('#result').isHidden(), 'a malformed id shows an error and no result');

  await page.fill('#package-id', packageId);
  await page.click('#search-button');
  await page.waitForSelector('#timeline > li');
  const events = page.locator('#timeline > li');
  const count = await events.count();
  const types = await events.evaluateAll((lis) => lis.map((li) => li.dataset.type));
  check(count >= 5, 'the timeline lists ' + count + ' events: ' + types.join(' '));
  for (const type of ['RECEIVED', 'ACCEPTED', 'ROUTED', 'RECEIPT_SENT', 'DELIVERED']) {
    check(types.includes(type), 'the timeline has a ' + type + ' event');
  }
  const seqs = await events.evaluateAll((lis) => lis.map((li) => Number(li.dataset.seq)));
  check(seqs.every((s, i) => i === 0 || s > seqs[i - 1]), 'events are in chain order (seq ' + seqs[0] + '..' + seqs[seqs.length - 1] + ')');

  // 3. click through every event: its details open, with its own type, its hashes and its place in the chain
  for (let i = 0; i < count; i++) {
    const li = events.nth(i);
    const button = li.locator('.event-summary');
    await button.click();
    const details = li.locator('.event-details');
    if (!(await details.isVisible())) throw new Error('event ' + i + ' did not open');
    const type = await details.locator('[data-field="type"]').textContent();
    if (type !== types[i]) throw new Error('event ' + i + ' shows type ' + type + ', expected ' + types[i]);
    const entryHash = await details.locator('[data-field="entryHash"]').textContent();
    if (!/^[0-9a-f]{64}$/.test(entryHash)) throw new Error('event ' + i + ' has no entry hash');
    if (i > 0) {
      const prev = await details.locator('[data-field="prevHash"]').textContent();
      const expectedPrev = await events.nth(i - 1).locator('[data-field="entryHash"]').textContent();
      // entries of one package are not adjacent in the chain in general: only check adjacency where seq is
      if (seqs[i] === seqs[i - 1] + 1 && prev !== expectedPrev) throw new Error('event ' + i + ' does not link to the one before');
    }
    await button.click();
    if (await details.isVisible()) throw new Error('event ' + i + ' did not close');
  }
  check(true, 'every one of the ' + count + ' events opens with its type, entry hash and link, and closes again');
  const routed = events.filter({ has: page.locator('.event-type', { hasText: /^ROUTED$/ }) }).first();
  await routed.locator('.event-summary').click();
  check(/^[0-9a-f]{64}$/.test(await routed.locator('[data-field="manifestSha256"]').textContent()),
    'a ROUTED event shows its manifest hash');
  check((await routed.locator('[data-field="level"]').textContent()).length > 0, 'a ROUTED event shows its level');

  // 4. recipients and the level each received
  const rows = await page.locator('#recipients tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('.recipient').textContent, tr.querySelector('.level').textContent,
      tr.querySelector('.acknowledged').textContent]));
  const shown = Object.fromEntries(rows.map(([r, l]) => [r, l]));
  check(JSON.stringify(Object.keys(shown).sort()) === JSON.stringify(Object.keys(expected).sort()),
    'the recipients table lists exactly ' + Object.keys(expected).sort().join(', '));
  for (const [recipient, level] of Object.entries(expected)) {
    check(shown[recipient] === level, recipient + ' received ' + level);
  }
  check(rows.every(([, , ack]) => ack !== 'not yet'), 'every delivery shows when its recipient acknowledged it');

  // the demo sent version 2 of this package: the summary says so, and the agency it no longer goes to shows why
  const supersededBy = process.env.WILDEX_SUPERSEDED_BY;
  check((await page.locator('[data-fact="superseded-by"]').textContent()) === supersededBy,
    'the summary names the version that superseded it');
  check(types.includes('SUPERSEDED'), 'the timeline has a SUPERSEDED event');
  check((await page.locator('[data-fact="outcome"]').textContent()) === 'ACCEPTED',
    'an update withdrawing it from one agency is no recall of the package');
  const withdrawnRow = page.locator('#recipients tbody tr[data-recipient="' + process.env.WILDEX_WITHDRAWN_FROM + '"] .recall');
  check((await withdrawnRow.textContent()).includes('RECALL_SUPERSEDED'),
    process.env.WILDEX_WITHDRAWN_FROM + ' shows version 1 withdrawn or recalled for the update');

  // 5. the verification
  await page.waitForSelector('#verification-result:not([data-state="pending"])', { timeout: 60_000 });
  const state = await page.locator('#verification-result').getAttribute('data-state');
  const verdict = await page.locator('#verification-result').textContent();
  check(state === 'ok', 'the chain verifies: ' + verdict);

  // 6. the evidence bundle
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#bundle-link')]);
  const bundle = path.join(out, 'bundle.zip');
  await download.saveAs(bundle);
  const bytes = fs.readFileSync(bundle);
  check(bytes.length > 1000 && bytes[0] === 0x50 && bytes[1] === 0x4b, 'the evidence bundle downloads as a zip (' + bytes.length + ' bytes)');
  check(download.suggestedFilename() === 'wildex-audit-' + packageId + '.zip', 'named ' + download.suggestedFilename());

  // 7. no package content anywhere on the page; no script errors; a link to the package reopens it
  const text = await page.locator('body').innerText();
  for (const secret of forbidden) {
    if (text.includes(secret)) throw new Error('the page shows package content: ' + secret);
  }
  check(true, 'none of ' + forbidden.length + ' content values appears on the page');
  check(page.url().endsWith('#' + packageId), 'the address names the package (' + page.url() + ')');
  const again = await context.newPage();
  await again.goto(page.url());
  await again.waitForSelector('#timeline > li');
  check((await again.locator('#timeline > li').count()) === count, 'opening that address shows the same timeline');

  // 8. the version link opens version 2: it names what it supersedes, and shows the release one agency asked for
  await page.click('[data-fact="superseded-by"] a');
  await page.waitForFunction((id) => document.getElementById('result-id').textContent === id
    && !document.getElementById('result').hidden, supersededBy);
  check(page.url().endsWith('#' + supersededBy), 'the superseded-by link opens version 2 (' + page.url() + ')');
  check((await page.locator('[data-fact="version"]').textContent()) === '2', 'version 2 says it is version 2');
  check((await page.locator('[data-fact="supersedes"]').textContent()) === packageId, 'version 2 names the package it supersedes');
  const v2types = await page.locator('#timeline .event-type').allTextContents();
  check(v2types.includes('RELEASE_REQUESTED') && v2types.includes('RELEASED'),
    'the timeline of version 2 has RELEASE_REQUESTED and RELEASED');
  const releasedTo = process.env.WILDEX_RELEASED_TO;
  const release = await page.locator('#recipients tbody tr[data-recipient="' + releasedTo + '"] .release').textContent();
  check(/^released .*, taken$/.test(release), releasedTo + ' shows its release, taken (' + release + ')');
  check((await page.locator('[data-fact="releases"]').textContent()) === '1 of 1 requested', 'the summary counts the release');
  const v2text = await page.locator('body').innerText();
  for (const secret of forbidden) {
    if (v2text.includes(secret)) throw new Error('the version 2 page shows package content: ' + secret);
  }
  check(true, 'no content value appears on the version 2 page either');
  await page.waitForSelector('#verification-result:not([data-state="pending"])', { timeout: 60_000 });
  check((await page.locator('#verification-result').getAttribute('data-state')) === 'ok', 'version 2\'s trail verifies too');
  await page.goBack();
  await page.waitForFunction((id) => document.getElementById('result-id').textContent === id, packageId);
  check(true, 'the browser\'s back button returns to version 1');

  // 9. search the trail: one recipient's deliveries, a level with a + in it, pages, a refused query, a link to a package
  const [recipient, level] = Object.entries(expected)[0];
  const searchRows = async () => page.locator('#search-results tbody tr').evaluateAll((trs) => trs.map((tr) =>
    Array.from(tr.children).map((td) => td.textContent)));
  const searchFor = async (fields) => {
    for (const [name, value] of Object.entries({ participant: '', role: '', type: '', level: '', limit: '', ...fields })) {
      if (name === 'role') await page.selectOption('#q-role', value);
      else await page.fill('#q-' + name, value);
    }
    const before = await page.locator('#search-status').textContent();
    await page.click('#search-events-button');
    await page.waitForFunction((b) => { const s = document.getElementById('search-status').textContent;
      return s !== b && s !== 'Searching\u2026'; }, before);
  };
  await searchFor({ participant: recipient, role: 'recipient', type: 'ROUTED' });
  let found = await searchRows();
  check(found.length > 0 && found.every((r) => r[2] === 'ROUTED' && r[4] === recipient),
    'searching ' + recipient + ' as recipient, ROUTED, lists only its deliveries (' + found.length + ')');
  check(found.some((r) => r[7] === packageId && r[5] === level), 'among them this package, at ' + level);
  await searchFor({ type: 'ROUTED', level: 'AMBER+STRICT,RED' });
  found = await searchRows();
  check(found.length > 0 && found.every((r) => r[5] === 'AMBER+STRICT' || r[5] === 'RED'),
    'searching levels AMBER+STRICT,RED lists only those (' + found.map((r) => r[5]).join(' ') + ')');
  await searchFor({ limit: '5' });
  check((await searchRows()).length === 5 && await page.locator('#search-more').isVisible(), 'a page of 5, and a next page');
  await page.click('#search-more');
  await page.waitForFunction(() => document.querySelectorAll('#search-results tbody tr').length === 10);
  const pageSeqs = (await searchRows()).map((r) => Number(r[0]));
  check(pageSeqs.every((s, i) => i === 0 || s < pageSeqs[i - 1]), 'the next page follows, newest first, no entry twice ('
    + pageSeqs.join(' ') + ')');
  const errorsBefore = errors.length;
  await searchFor({ type: 'PURPLE' });
  // the browser logs the refused request itself (400) as a console error: that one is expected, nothing else
  for (let waited = 0; errors.length === errorsBefore && waited < 5000; waited += 100) await page.waitForTimeout(100);
  check(errors.length === errorsBefore + 1 && /status of 400/.test(errors[errors.length - 1]),
    'the refused query is the one failed request: ' + errors.slice(errorsBefore).join('; '));
  errors.pop();
  check((await page.locator('#search-status').textContent()).includes('QUERY_INVALID')
    && (await page.locator('#search-status').getAttribute('data-kind')) === 'error', 'an unknown event type is refused: '
    + await page.locator('#search-status').textContent());
  await searchFor({ participant: recipient, role: 'recipient', type: 'ROUTED' });
  await page.click('#search-results tbody tr td a[href="#' + packageId + '"] >> nth=0');
  await page.waitForFunction((id) => document.getElementById('result-id').textContent === id
    && !document.getElementById('result').hidden, packageId);
  check(true, 'a package in the results opens its trail');

  // 10. oversight: the NGO's part and the recipient's, with counts that match the package, and the auditor's own queries
  const oversightOf = async (participant) => {
    await page.fill('#o-participant', participant);
    const before = await page.locator('#oversight-status').textContent();
    await page.click('#oversight-button');
    await page.waitForFunction((b) => { const s = document.getElementById('oversight-status').textContent;
      return s !== b && s !== 'Counting\u2026'; }, before);
    check(!(await page.locator('#oversight-result').isHidden()), 'the oversight view of ' + participant + ' shows: '
      + await page.locator('#oversight-status').textContent());
  };
  const countOf = async (side, key) => page.locator('#oversight-' + side + ' [data-count="' + key + '"]').textContent();
  await oversightOf(ngo);
  check(Number(await countOf('sent', 'accepted')) >= 1 && Number(await countOf('sent', 'submissions')) >= 1,
    ngo + ' sent ' + await countOf('sent', 'submissions') + ' and had ' + await countOf('sent', 'accepted') + ' accepted');
  check((await countOf('sent', 'deliveries')).includes(level), ngo + '\'s deliveries by level: ' + await countOf('sent', 'deliveries'));
  const recentRows = await page.locator('#oversight-recent tbody tr').count();
  check(recentRows > 0 && recentRows <= 10, 'recent activity lists ' + recentRows + ' entries');
  await oversightOf(recipient);
  check(new RegExp('\\b' + level.replace('+', '\\+') + ' \\d+').test(await countOf('received', 'deliveries')),
    'the oversight of ' + recipient + ' counts its deliveries by level: ' + await countOf('received', 'deliveries'));
  check(Number(await countOf('received', 'acknowledged')) >= 1, recipient + ' acknowledged ' + await countOf('received', 'acknowledged'));
  await oversightOf('auditor');
  check(Number(await countOf('sent', 'queries')) >= 8, 'the auditor\'s own queries are in the trail: '
    + await countOf('sent', 'queries'));
  const searchText = await page.locator('body').innerText();
  for (const secret of forbidden) {
    if (searchText.includes(secret)) throw new Error('search or oversight shows package content: ' + secret);
  }
  check(true, 'no content value appears in search results or oversight');
  await page.screenshot({ path: path.join(out, 'audit-page.png'), fullPage: true });
  check(errors.length === 0, 'no script errors' + (errors.length ? ': ' + errors.join('; ') : ''));
  await context.close();
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
if (failed) {
  console.log('FAIL: ' + (failed.stack || failed));
  process.exit(1);
}
console.log('PASS (screenshot and bundle in ' + out + ')');
