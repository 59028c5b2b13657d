/**
 * normaliseListMarkers: bullets Markdown does not know, and no-break spaces after a marker, written as Markdown's —
 * one unit for one, so lines and offsets stay where they were.
 */
import { describe, expect, it } from 'vitest';
import { normaliseListMarkers } from '../../../src/memory-bank/list-markers.js';

describe('normaliseListMarkers', () => {
  it('writes a foreign bullet as `-` and a no-break space after a marker as a space, keeping every offset', () => {
    const text = '• [ ] Book the venue\n  ◦ Sub-item\n▪\u00a0Item\n-\u00a0[x] Ship it\n12.\u00a0Tag it\n‣\tTabbed\n⁃ Dash';
    const read = normaliseListMarkers(text);
    expect(read).toBe('- [ ] Book the venue\n  - Sub-item\n- Item\n- [x] Ship it\n12. Tag it\n-\tTabbed\n- Dash');
    expect(read.length).toBe(text.length);
  });

  it('reads a mark\'s text selector (U+FE0E) as the emoji one (U+FE0F), anywhere in the text', () => {
    expect(normaliseListMarkers('- ✅\uFE0E Ship it\n| Build | 🔄\uFE0E |')).toBe('- ✅\uFE0F Ship it\n| Build | 🔄\uFE0F |');
  });

  it('leaves a bullet that opens no item (mid-line, no space after it) and a no-break space elsewhere as written', () => {
    const text = 'Costs • time • money\n•bold claim\nA\u00a0B\n- item\u00a0with a space inside';
    expect(normaliseListMarkers(text)).toBe(text);
  });
});
