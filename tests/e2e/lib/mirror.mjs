// Driving the client as assistive technology does: through the accessibility
// mirror (an offscreen tree of ARIA elements, client/platform/web_a11y.cpp).
// Elements are found by role and accessible name and activated with a DOM
// click event, as a screen reader's "activate" does (a Playwright .click()
// would hit-test a real mouse at the element's box, which is clipped away).
import { waitFor } from './client.mjs';

export const activate = (locator) => locator.dispatchEvent('click');

// The mirror element of `role` named exactly `name` (or matching a RegExp).
export function mirror(page, role, name) {
  return page.locator('#parta-a11y').getByRole(role, { name, exact: typeof name === 'string' });
}

// Waits for the element, then activates it.
export async function activateNamed(page, role, name) {
  const el = mirror(page, role, name).first();
  await el.waitFor({ state: 'attached' });
  await activate(el);
}

// Focusing a mirror textbox clicks the ImGui field; waits until ImGui edits it.
export async function focusTextbox(page, name, probe) {
  await mirror(page, 'textbox', name).focus();
  await waitFor(page, (p) => window.partaTest.state().focused === p, probe, `ImGui editing ${probe}`);
}

// "role:name" of every mirror element, in order.
export function mirrorList(page) {
  return page.evaluate(() => [...document.querySelectorAll('#parta-a11y [role]')]
    .map((e) => `${e.getAttribute('role')}:${e.getAttribute('aria-label')}`));
}

// The attribute of the first mirror element of `role` whose name starts with `prefix`.
export function mirrorAttr(page, role, prefix, attr) {
  return page.evaluate(([r, p, a]) => {
    const el = [...document.querySelectorAll(`#parta-a11y [role=${r}]`)].find((e) => e.getAttribute('aria-label').startsWith(p));
    return el ? el.getAttribute(a) : undefined;
  }, [role, prefix, attr]);
}

// The mirror holds exactly the app's nodes of its last frame, in order (no stale
// element left behind by a scroll or a re-ordered list).
export async function assertMirrorMatchesTree(page) {
  const { dom, tree } = await page.evaluate(() => ({
    dom: [...document.querySelectorAll('#parta-a11y [role]')].map((e) => e.getAttribute('aria-label')),
    tree: window.partaTest.state().a11y.map((n) => n.name),
  }));
  if (JSON.stringify(dom) !== JSON.stringify(tree)) {
    throw new Error(`the mirror differs from the app's tree:\nDOM  ${JSON.stringify(dom).slice(0, 1500)}\ntree ${JSON.stringify(tree).slice(0, 1500)}`);
  }
}
