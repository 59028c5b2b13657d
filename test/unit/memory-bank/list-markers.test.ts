/**
 * normaliseListMarkers: bullets Markdown does not know, no-break spaces after a marker and boxes in emphasis, written
 * as Markdown's — one unit for one, so lines and offsets stay where they were.
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

  it('reads a box with emphasis around it as the box, and emphasis opening before a box as opening after it, keeping every offset', () => {
    const text = '- **[ ]** Ship it\n1. __[x]__ Drop it\n  - *[ ]* Guide\n- _[X]_ Done\n- **[ ] Move the cron**\n> - **[x]** Quoted';
    const read = normaliseListMarkers(text);
    expect(read).toBe('- [ ]     Ship it\n1. [x]     Drop it\n  - [ ]   Guide\n- [X]   Done\n- [ ] **Move the cron**\n> - [x]     Quoted');
    expect(read.length).toBe(text.length);
  });

  it('reads a box typed full-width after a list marker as the box it stands for, keeping every offset', () => {
    const text = '- ［ ］ 编写文档\n1. ［x］ 配置\n- [Ｘ] 日志\n- ［　］ 设计\n- ［ｘ］ 請求書\n';
    const read = normaliseListMarkers(text);
    expect(read).toBe('- [ ] 编写文档\n1. [x] 配置\n- [X] 日志\n- [ ] 设计\n- [x] 請求書\n');
    expect(read.length).toBe(text.length);
    // Not after a list marker, nor a word in full-width brackets: as written.
    expect(normaliseListMarkers('See ［x］ here\n- ［注意］ 見出し\n')).toBe('See ［x］ here\n- ［注意］ 見出し\n');
  });

  it('leaves emphasis that wraps no box, or a box that is not one, as written', () => {
    const text = '- **[note]** The export runs nightly\n- **[ ]**\n- **[ ] half bold\nA **[x]** in a sentence\n- **Done:** [x] later';
    expect(normaliseListMarkers(text)).toBe(text);
  });

  it('reads the middle dots Japanese and Chinese lines open with as bullets, with or without a space after them, and a Latin middle dot before a space', () => {
    const text = '・検索結果のページ送り\n･ 在庫数の更新\n  ・[x] ログの保存期間\n・　通知メール\n· 결제 페이지\n';
    expect(normaliseListMarkers(text)).toBe('- 検索結果のページ送り\n- 在庫数の更新\n  - [x] ログの保存期間\n- 通知メール\n- 결제 페이지\n');
    // Not a dot inside a line, a line of dots, a dot alone, nor a Latin middle dot without its space.
    const not = '山田・佐藤の案\n・・・\n・\n·bold\nA · B\n';
    expect(normaliseListMarkers(not)).toBe(not);
  });

  it('reads the numbers CJK text enumerates its lines with as bullets, as long as they were written, with or without a space after them', () => {
    const text = '① データベース設計\n②ユーザー登録\n１．検索機能\n  ２、通知メール\n（３）権限設定\n1、数据库迁移\n12．用户登录\n3.订单导出\n⑴ 支付接口\n❷　库存同步\n';
    expect(normaliseListMarkers(text)).toBe('- データベース設計\n- ユーザー登録\n- 検索機能\n  - 通知メール\n-  権限設定\n- 数据库迁移\n-  用户登录\n- 订单导出\n- 支付接口\n- 库存同步\n');
    // Not a number inside a line or alone, a version, a Latin list's own numbering, nor ASCII digits in ASCII brackets.
    const not = '手順は①から③まで\n①\n1.5 版本\n2. Write the docs\n(1) first point\n2025.03 リリース\n';
    expect(normaliseListMarkers(not)).toBe(not);
  });

  it('leaves a bullet that opens no item (mid-line, no space after it) and a no-break space elsewhere as written', () => {
    const text = 'Costs • time • money\n•bold claim\nA\u00a0B\n- item\u00a0with a space inside';
    expect(normaliseListMarkers(text)).toBe(text);
  });
});
