/** The validation message shown for a form control (linked by aria-describedby), or null. */
export function fieldError(control: HTMLElement): string | null {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  for (const id of ids) {
    const element = document.getElementById(id);
    if (element?.classList.contains('field-error')) return element.textContent?.trim() ?? '';
  }
  return null;
}

export function asInput(element: HTMLElement): HTMLInputElement {
  if (!(element instanceof HTMLInputElement)) throw new Error('not an <input>');
  return element;
}

export function asButton(element: HTMLElement): HTMLButtonElement {
  if (!(element instanceof HTMLButtonElement)) throw new Error('not a <button>');
  return element;
}
