// 明鉴: small page helpers (our own code; third-party scripts come from installed packages).
// A button with data-mj-append="<textarea id>" and data-mj-text="…" appends that text as a new line.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mj-append]");
  if (!button) return;
  const target = document.getElementById(button.dataset.mjAppend);
  if (!target) return;
  const line = button.dataset.mjText;
  const lines = target.value.split("\n").map((l) => l.trim());
  if (!lines.includes(line)) target.value = (target.value.trim() ? target.value.trim() + "\n" : "") + line;
  button.classList.add("text-success");
});
// A button with data-mj-back goes back one page (the error pages' "返回上一页"); with no history, home.
document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-mj-back]")) return;
  if (window.history.length > 1) window.history.back();
  else window.location.assign("/");
});
// A searched picker (org.picker): a result button with data-mj-pick="<id>" becomes the select's
// only choice (besides the empty one) — or, in a multiple select, one more chosen option — and the
// search box and its results are cleared.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mj-pick]");
  const picker = button && button.closest("[data-mj-picker]");
  if (!picker) return;
  const select = picker.querySelector("select");
  const value = button.dataset.mjPick;
  const existing = [...select.options].find((option) => option.value === value);
  if (select.multiple) {
    if (existing) existing.selected = true;
    else select.add(new Option(button.textContent.trim(), value, true, true));
  } else {
    for (const option of [...select.options]) if (option.value) option.remove();
    select.add(new Option(button.textContent.trim(), value, true, true));
  }
  select.dispatchEvent(new Event("change", { bubbles: true }));
  const search = picker.querySelector("input[type=search]");
  if (search) search.value = "";
  button.parentElement.replaceChildren();
  select.focus();
});
