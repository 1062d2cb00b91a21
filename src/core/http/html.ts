/** PHP's htmlspecialchars($s, ENT_QUOTES) (Omeka's html_escape()): & < > " ' as entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' })[c]!)
}
