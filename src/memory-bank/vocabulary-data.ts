/**
 * Vocabularies as data: the words real memory banks use for status, priority, section headings, field
 * names, dates and placeholders (see `memory-banks/FORMATS.md` §2–§4). `vocabulary.ts` normalises both these
 * phrases and the input the same way before matching, so case, accents, emphasis and separators do not matter
 * here. Add words freely; the longest (most specific) matching phrase wins.
 */
import type { TaskStatusValue } from '../core/task-record.js';

/** A canonical status other than `unknown`. */
export type KnownStatus = Exclude<TaskStatusValue, 'unknown'>;

/** The statuses of work not done and not under way: a section of them gives a cross alone on an item its status. */
export const notDoneStatuses: ReadonlySet<string> = new Set<KnownStatus>(['todo', 'planned', 'deferred', 'cancelled', 'blocked']);

/**
 * Status phrases per canonical status, in English, French, German, Spanish, Russian, Chinese, Japanese, Portuguese,
 * Italian, Dutch, Korean, Polish, Turkish, Vietnamese, Indonesian, Ukrainian, Czech, Swedish, Danish, Norwegian,
 * Finnish, Hungarian, Romanian, Greek, Hebrew, Arabic, Hindi, Thai, Persian and Urdu.
 * `unknown` lists values found in Status fields that are not task states at all: a match there wins over
 * every other phrase, so `SEEDED (Active Strategy)` stays unknown.
 */
export const statusPhrases: Readonly<Record<TaskStatusValue, readonly string[]>> = {
  done: [
    // en
    'done', 'complete', 'completed', 'completion', 'finished', 'resolved', 'fixed', 'closed', 'archived',
    'merged', 'merged into', 'live', 'applied', 'deployed', 'shipped', 'released', 'delivered', 'pass',
    'passed', 'passing', 'implemented', 'verified', 'accomplished', 'achieved', 'succeeded', 'success',
    'all done', 'fully complete', 'fully implemented', 'what works', 'committed', 'operational',
    'in production', 'in prod', 'shipped to prod', 'shipped to production', 'deployed to prod', 'deployed to production',
    // fr
    'terminé', 'terminée', 'terminés', 'terminées', 'complété', 'complétée', 'complète', 'complet', 'fait',
    'faite', 'fini', 'finie', 'résolu', 'résolue', 'corrigé', 'corrigée', 'clôturé', 'clôturée', 'livré',
    'livrée', 'implémenté', 'implémentée', 'implémentés', 'implémentées', 'achevé', 'achevée', 'validé', 'validée',
    // de
    'abgeschlossen', 'erledigt', 'fertig', 'behoben', 'gelöst', 'umgesetzt', 'implementiert', 'vollständig',
    'abgeschlossene aufgaben', 'implementierte', 'implementierten', 'umgesetzte', 'umgesetzten', 'fertige', 'fertigen',
    // es
    'completado', 'completada', 'completados', 'completadas', 'terminado', 'terminada', 'hecho', 'hecha',
    'resuelto', 'resuelta', 'finalizado', 'finalizada', 'implementado', 'implementada', 'cerrado', 'cerrada',
    'implementados', 'implementadas',
    // ru
    'готово', 'готов', 'выполнено', 'выполнена', 'выполнен', 'сделано', 'завершено', 'завершена', 'завершен',
    'решено', 'закрыто', 'исправлено', 'реализовано', 'реализован', 'реализована', 'реализованные', 'готовые',
    // zh
    '已完成', '完成', '已解决', '已解決', '已关闭', '已關閉', '已修复', '已修復', '已实现', '已實現', '已上线', '搞定',
    // Archived, as a finished task is (`Concluída e arquivada`, `Erledigt und archiviert`).
    'arquivado', 'arquivada', 'archivado', 'archivada', 'archiviert', 'archivée', 'archiviato', 'archiviata',
    'архивировано',
    // Checked and accepted (`✅ Validated 2026-04-25`, `✅ Validado`).
    'validated', 'validado', 'validada', 'validato', 'validata', 'validiert', 'gevalideerd',
    // Succeeded, as a status value says it (`**状态**: **成功**`, `Status: erfolgreich`).
    '成功', '成功完成', 'erfolgreich', 'réussi', 'réussie', 'exitoso', 'exitosa', 'успешно', '성공',
    // ja
    '完了', '完了済み', '済み', '済', '対応済み', '解決済み', '実装済み', '完了したこと',
    // pt
    'concluído', 'concluída', 'concluídos', 'concluídas', 'completo', 'completa', 'feito', 'feita', 'resolvido',
    'resolvida', 'corrigido', 'corrigida', 'implementada', 'entregue', 'fechado', 'fechada', 'finalizados',
    // it
    'completato', 'completata', 'completati', 'completate', 'fatto', 'fatta', 'finito', 'finita', 'terminato',
    'terminata', 'risolto', 'risolta', 'chiuso', 'chiusa', 'implementato', 'implementata', 'implementati', 'implementate', 'concluso', 'conclusa', 'corretto',
    // nl
    'afgerond', 'voltooid', 'klaar', 'gereed', 'opgelost', 'geïmplementeerd', 'gesloten', 'gedaan',
    // ko
    '완료', '완료됨', '완성', '해결', '해결됨', '종료', '처리 완료', '구현 완료', '구현됨', '구현된',
    // pl
    'ukończone', 'ukończony', 'ukończona', 'zakończone', 'zakończony', 'zakończona', 'zrobione', 'zrobiony', 'zrobiona',
    'gotowe', 'wykonane', 'wykonano', 'zrealizowane', 'zaimplementowane', 'naprawione', 'rozwiązane', 'zamknięte',
    // tr
    'tamamlandı', 'tamamlanan', 'tamamlananlar', 'bitti', 'yapıldı', 'bitirildi', 'çözüldü', 'düzeltildi', 'kapatıldı',
    'uygulandı',
    // vi
    'hoàn thành', 'đã hoàn thành', 'xong', 'đã xong', 'hoàn tất', 'đã hoàn tất', 'đã xử lý', 'đã sửa', 'đã triển khai',
    'đã giải quyết',
    // id
    'selesai', 'sudah selesai', 'telah selesai', 'rampung', 'tuntas', 'beres', 'diperbaiki', 'diterapkan', 'terselesaikan',
    // uk
    'виконано', 'зроблено', 'виконані', 'завершені', 'реалізовано', 'вирішено', 'виправлено', 'закрито',
    // cs
    'hotovo', 'dokončeno', 'splněno', 'vyřešeno', 'opraveno', 'implementováno', 'uzavřeno',
    // sv
    'klart', 'klar', 'färdig', 'färdigt', 'slutförd', 'slutfört', 'avklarad', 'avklarat', 'åtgärdat', 'genomförd', 'genomfört',
    // da, no
    'færdig', 'færdige', 'udført', 'løst', 'lukket', 'ferdig', 'ferdige', 'fullført', 'utført',
    // fi
    'valmis', 'valmiit', 'tehty', 'valmistunut', 'suoritettu', 'ratkaistu', 'korjattu', 'toteutettu',
    // hu
    'kész', 'elkészült', 'befejezve', 'befejezett', 'teljesítve', 'megoldva', 'javítva', 'lezárva',
    // ro
    'finalizat', 'finalizată', 'terminat', 'terminată', 'completat', 'completată', 'rezolvat', 'rezolvată', 'implementat',
    // el
    'ολοκληρώθηκε', 'ολοκληρωμένο', 'ολοκληρωμένα', 'έγινε', 'τελείωσε', 'επιλύθηκε', 'διορθώθηκε',
    // he
    'הושלם', 'הושלמה', 'בוצע', 'בוצעה', 'הסתיים', 'נפתר', 'תוקן',
    // ar
    'مكتمل', 'مكتملة', 'منجز', 'منجزة', 'تم الإنجاز', 'تم التنفيذ', 'تم الحل', 'تم الإصلاح',
    // hi
    'पूर्ण', 'पूरा', 'पूरा हुआ', 'संपन्न', 'हो गया',
    // th
    'เสร็จแล้ว', 'เสร็จสิ้น', 'สำเร็จ', 'แก้ไขแล้ว',
    // fa
    'انجام شده', 'انجام شد', 'تکمیل شده', 'تکمیل شد', 'کامل شده', 'تمام شده', 'پایان یافته', 'حل شده', 'رفع شده',
    'پیاده سازی شده',
    // ur
    'مکمل', 'مکمل شدہ', 'مکمل ہو گیا', 'ہو گیا', 'حل شدہ', 'حل ہو گیا',
    // bg, sr (Cyrillic), hr/bs/sr (Latin), sk, sl
    'завършено', 'завършена', 'завършен', 'изпълнено', 'приключено', 'завршено', 'урађено', 'završeno', 'gotovo',
    'urađeno', 'napravljeno', 'riješeno', 'rešeno', 'dovršeno', 'dokončené', 'ukončené', 'splnené', 'vyriešené',
    'končano', 'opravljeno', 'narejeno', 'zaključeno',
  ],
  in_progress: [
    // en
    'in progress', 'inprogress', 'wip', 'work in progress', 'active', 'ongoing', 'started',
    'underway', 'under way', 'doing', 'in development', 'in dev', 'developing', 'implementing',
    'in review', 'under review', 'code review', 'review', 'reviewing', 'testing', 'in testing', 'in qa',
    'under test', 'in test',
    'partial', 'partially', 'partially complete', 'partially done', 'partly done', 'current', 'current tasks',
    'current task', 'current work', 'now', 'working on', 'in flight', 'on track', 'at risk', 'qa', 'pr open', 'pr opened',
    'open pr', 'draft pr', 'in pr', 'pr in review', 'ready for review', 'awaiting review', 'pending review',
    'awaiting approval', 'pending approval', 'ready to merge', 'ready for qa', 'awaiting qa', 'pending qa',
    // What issue trackers write for a bug being worked on (`fixing`, `debugging` alone are prose: `(replay, debugging)`).
    'investigating', 'under investigation', 'being investigated', 'fix in progress',
    // Review, testing and acceptance as stages of the work, in other languages (`In Prüfung`, `En recette`, `На
    // ревью`, `テスト中`); a stage's noun alone (`Umsetzung`, `Testing`) heads sections of documents too, and is left.
    'in uat', 'in acceptance', 'in verification', 'in validation', 'in umsetzung', 'in prüfung', 'in abnahme',
    'im test', 'in überprüfung', 'in validierung', 'en recette', 'en test', 'en tests', 'en validation',
    'en vérification', 'en relecture', 'en cours de validation', 'en cours de test', 'en revisión', 'en pruebas',
    'en prueba', 'en validación', 'em validação', 'em homologação', 'em testes', 'in validazione', 'in collaudo',
    'in verifica', 'in acceptatie', 'ter controle', 'на ревью', 'на код ревью', 'на проверке', 'в тестировании',
    'на тестировании', 'на согласовании', 'на перевірці', 'на тестуванні', 'на рев ю', 'w recenzji', 'w testach',
    'w weryfikacji', 'testte', 'incelemede', 'test ediliyor', 'inceleniyor', '测试中', '審核中', '审核中', '评审中',
    '評審中', '验证中', '驗證中', '验收中', '驗收中', '联调中', 'レビュー中', 'テスト中', '確認中', '検証中', '開発中',
    '테스트 중', '검증 중', '리뷰 중',
    // fr
    'en cours', 'en progrès', 'en développement', 'en revue', 'partiel', 'partiellement',
    // de
    'in bearbeitung', 'in arbeit', 'läuft', 'laufend', 'begonnen', 'in entwicklung', 'teilweise',
    'aktuelle aufgabe', 'aktuelle aufgaben',
    // es
    'en progreso', 'en curso', 'en desarrollo', 'en proceso', 'parcial', 'iniciado', 'iniciada',
    // ru
    'в работе', 'в процессе', 'выполняется', 'в разработке', 'начато', 'частично', 'текущие задачи',
    // zh
    '进行中', '進行中', '处理中', '處理中', '开发中', '開發中', '部分完成', '实施中', '實施中', '正在进行',
    // ja
    '対応中', '作業中', '実装中', '着手', '着手中', '一部完了',
    // pt
    'em andamento', 'em progresso', 'em curso', 'em desenvolvimento', 'em execução', 'em revisão', 'em teste',
    'parcialmente',
    // it
    'in corso', 'in lavorazione', 'in sviluppo', 'in revisione', 'avviato', 'avviata', 'iniziato', 'iniziata',
    'parziale', 'parzialmente',
    // nl
    'bezig', 'in uitvoering', 'in behandeling', 'lopend', 'gestart', 'in ontwikkeling', 'gedeeltelijk',
    // ko
    '진행 중', '진행중', '진행 중인 작업', '작업 중', '작업중', '개발 중', '개발중', '검토 중', '부분 완료',
    // pl
    'w trakcie', 'w toku', 'w realizacji', 'w trakcie realizacji', 'w przygotowaniu', 'trwa', 'częściowo',
    // tr
    'devam ediyor', 'devam eden', 'devam edenler', 'yapılıyor', 'sürüyor', 'geliştiriliyor', 'kısmen',
    // vi
    'đang thực hiện', 'đang tiến hành', 'đang làm', 'đang phát triển', 'đang xử lý', 'một phần',
    // id
    'sedang dikerjakan', 'dalam proses', 'sedang berjalan', 'dalam pengerjaan', 'sedang diproses', 'sebagian',
    // uk
    'в процесі', 'у процесі', 'в роботі', 'у роботі', 'виконується', 'в розробці', 'у розробці', 'частково',
    // cs
    'probíhá', 'rozpracováno', 'v řešení', 've vývoji', 'částečně',
    // sv
    'pågår', 'pågående', 'påbörjad', 'påbörjat', 'under arbete', 'delvis',
    // da, no
    'i gang', 'igangværende', 'under arbejde', 'påbegyndt', 'i arbeid', 'påbegynt', 'under arbeid',
    // fi
    'kesken', 'työn alla', 'tekeillä', 'käynnissä', 'osittain',
    // hu
    'folyamatban', 'folyamatban lévő', 'fejlesztés alatt', 'részben',
    // ro
    'în curs', 'în lucru', 'în desfășurare', 'în progres', 'parțial',
    // el
    'σε εξέλιξη', 'σε πρόοδο', 'σε εργασία', 'μερικώς',
    // he
    'בתהליך', 'בביצוע', 'בעבודה', 'בפיתוח', 'חלקי',
    // ar
    'قيد التنفيذ', 'قيد التقدم', 'جاري العمل', 'قيد العمل', 'قيد التطوير', 'جزئي',
    // hi
    'प्रगति में', 'प्रगति पर', 'जारी', 'चल रहा है',
    // th
    'กำลังดำเนินการ', 'กำลังทำ', 'อยู่ระหว่างดำเนินการ', 'บางส่วน',
    // fa
    'در حال انجام', 'درحال انجام', 'در جریان', 'در دست اقدام', 'در دست انجام', 'در حال توسعه', 'در حال پیاده سازی',
    'نیمه کاره',
    // ur
    'جاری', 'جاری ہے', 'زیر عمل', 'کام جاری ہے', 'جزوی',
    // bg, sr, hr, sk, sl
    'в процес', 'в ход', 'в разработка', 'у току', 'у раду', 'у изради', 'u tijeku', 'u toku', 'u radu', 'u izradi',
    'djelomično', 'delimično', 'prebieha', 'rozpracované', 'v riešení', 'vo vývoji', 'čiastočne', 'v teku', 'v delu',
    'v izdelavi', 'delno',
  ],
  todo: [
    // en
    'todo', 'to do', 'to-do', 'pending', 'not started', 'not yet started', 'not begun', 'new', 'open', 'ready', 'approved',
    // Not planned yet, as a backlog's ideas are (`(Not Planned)`, `(Not Yet Planned)`): open, never planned.
    'not planned', 'not yet planned', 'not currently planned', 'unplanned', 'not prioritized', 'not prioritised', 'not yet prioritized',
    'nicht geplant', 'noch nicht geplant', 'non planifié', 'pas encore planifié', 'no planificado', 'não planejado', 'non pianificato',
    'ready for implementation', 'ready for development', 'ready for dev', 'ready to start', 'queued', 'queue', 'waiting', 'awaiting', 'next', 'up next',
    'backlogged', 'unresolved', 'reopened', 'triaged', 'acknowledged',
    // A backlog item waiting to be shaped (`Needs refinement`, `Ready for PRD`).
    'needs refinement', 'needs grooming', 'needs triage', 'to refine', 'ready for prd', 'ready for spec', 'ready for refinement',
    // Asked for, not begun (`## Status: ⏳ REQUESTED`).
    'requested', 'request', 'angefordert', 'angefragt', 'solicitado', 'solicitada', 'demandé', 'demandée', 'запрошено', 'richiesto',
    'next steps', 'next step', 'remaining', 'what s left', 'what s left to build', 'left to build',
    'known issues', 'open issues', 'incomplete', 'not done', 'unstarted', 'backlog', 'upcoming', 'to be done',
    // The word taken into Russian as it sounds.
    'бэклог', 'беклог',
    'needs work', 'outstanding', 'not yet', 'not yet done', 'fixme',
    // fr
    'à faire', 'en attente', 'non commencé', 'non commencée', 'pas commencé', 'prochaines étapes',
    'prochaine étape', 'nouveau', 'nouvelle', 'prêt', 'prête', 'restant', 'reste à faire',
    // de
    'offen', 'ausstehend', 'anstehend', 'anstehende aufgaben', 'nicht begonnen', 'zu erledigen', 'neu',
    'bereit', 'nächste schritte', 'nächster schritt', 'nächste aufgabe', 'nächste aufgaben', 'wartend',
    // es
    'pendiente', 'pendientes', 'por hacer', 'sin empezar', 'sin iniciar', 'no iniciado', 'no iniciada',
    'no comenzado', 'nuevo', 'nueva', 'listo para empezar', 'próximos pasos', 'siguientes pasos', 'en espera',
    // ru
    'ожидает', 'ожидание', 'в ожидании', 'не начато', 'не начата', 'не начат', 'к выполнению', 'сделать',
    'новая', 'новый', 'новое', 'следующие шаги', 'осталось', 'в очереди', 'открыто',
    // zh
    '未开始', '未開始', '待办', '待辦', '待处理', '待處理', '待开始', '待開始', '未完成', '待修复', '待修復', '待实现', '待實現', '下一步', '下一步工作重点',
    '待定', '新建', '排队中',
    // ja
    '未着手', '未対応', '未完了', '次のステップ', '次のタスク',
    // pt
    'pendente', 'pendentes', 'a fazer', 'por fazer', 'não iniciado', 'não iniciada', 'não começado', 'a iniciar',
    'próximos passos', 'próximo passo', 'em espera', 'aguardando', 'restante', 'aberto', 'aberta',
    // it
    'da fare', 'in attesa', 'non iniziato', 'non iniziata', 'da iniziare', 'prossimi passi', 'prossimo passo',
    'aperto', 'aperta', 'in sospeso', 'rimanente',
    // nl
    'te doen', 'nog te doen', 'niet gestart', 'niet begonnen', 'nieuw', 'volgende stappen', 'volgende stap',
    'wachtend', 'in afwachting',
    // ko
    '대기', '대기 중', '대기중', '할 일', '해야 할 일', '미완료', '미착수', '시작 전', '남은 작업', '다음 단계', '신규',
    // pl
    'do zrobienia', 'do wykonania', 'oczekuje', 'oczekujące', 'nierozpoczęte', 'nie rozpoczęto', 'następne kroki',
    'kolejne kroki', 'pozostało', 'pozostałe zadania', 'otwarte',
    // tr
    'yapılacak', 'yapılacaklar', 'bekliyor', 'beklemede', 'başlanmadı', 'sonraki adımlar', 'kalan', 'kalan işler',
    'kalan görevler',
    // vi
    'cần làm', 'chưa làm', 'chưa bắt đầu', 'chưa thực hiện', 'đang chờ', 'chờ xử lý', 'việc cần làm', 'bước tiếp theo',
    'các bước tiếp theo', 'còn lại', 'việc còn lại', 'chưa hoàn thành',
    // id
    'belum dikerjakan', 'belum dimulai', 'belum selesai', 'menunggu', 'akan dikerjakan', 'langkah selanjutnya',
    'langkah berikutnya', 'yang tersisa',
    // uk
    'до виконання', 'очікує', 'не розпочато', 'наступні кроки', 'залишилось', 'залишилося', 'залишилось зробити',
    'треба зробити',
    // cs
    'zbývá', 'zbývá udělat', 'k udělání', 'čeká', 'nezahájeno', 'další kroky',
    // sv
    'att göra', 'ej påbörjad', 'ej påbörjat', 'väntar', 'nästa steg', 'återstår', 'kvar att göra',
    // da, no
    'at gøre', 'ikke startet', 'ikke påbegyndt', 'mangler', 'næste skridt', 'å gjøre', 'ikke påbegynt', 'gjenstår',
    'neste steg',
    // fi
    'tekemättä', 'ei aloitettu', 'aloittamatta', 'odottaa', 'seuraavat vaiheet', 'jäljellä',
    // hu
    'teendő', 'teendők', 'függőben', 'nincs elkezdve', 'következő lépések', 'hátralévő',
    // ro
    'de făcut', 'neînceput', 'în așteptare', 'pașii următori', 'rămas de făcut',
    // el
    'προς υλοποίηση', 'εκκρεμεί', 'εκκρεμότητες', 'δεν ξεκίνησε', 'επόμενα βήματα',
    // he
    'לביצוע', 'ממתין', 'טרם התחיל', 'לא התחיל', 'הצעדים הבאים',
    // ar
    'للتنفيذ', 'قيد الانتظار', 'لم يبدأ', 'الخطوات التالية', 'مهام متبقية',
    // hi
    'करना है', 'लंबित', 'शुरू नहीं हुआ', 'अगले कदम',
    // th
    'ต้องทำ', 'รอดำเนินการ', 'ยังไม่เริ่ม', 'ขั้นตอนถัดไป',
    // fa
    'در انتظار', 'انجام نشده', 'شروع نشده', 'باقی مانده', 'باقیمانده', 'برای انجام', 'گام های بعدی', 'مراحل بعدی',
    // ur
    'زیر التوا', 'زیر التواء', 'باقی', 'شروع نہیں ہوا', 'کرنا ہے', 'اگلے اقدامات', 'اگلے مراحل',
    // bg, sr, hr, sk, sl
    'предстоящо', 'предстоящи', 'за изпълнение', 'незапочнато', 'не е започнато', 'в очакване', 'следващи стъпки',
    'преостало', 'није започето', 'на чекању', 'следећи кораци', 'preostalo', 'za napraviti', 'za uraditi',
    'nije započeto', 'na čekanju', 'sljedeći koraci', 'sledeći koraci', 'zostáva', 'nezačaté', 'ďalšie kroky',
    'ni začeto', 'naslednji koraki',
  ],
  planned: [
    // en
    'planned', 'planning', 'plan', 'proposed', 'proposal', 'draft', 'drafted', 'design', 'designing',
    'in design', 'scheduled', 'future', 'future work', 'roadmap', 'ideas', 'idea', 'considering',
    'under consideration',
    // fr
    'planifié', 'planifiée', 'prévu', 'prévue', 'proposé', 'proposée', 'brouillon', 'ébauche', 'à planifier',
    'en conception',
    // de
    'geplant', 'geplante aufgaben', 'in planung', 'vorgeschlagen', 'entwurf', 'zukünftig',
    // es
    'planificado', 'planificada', 'planeado', 'planeada', 'previsto', 'prevista', 'propuesto', 'propuesta',
    'borrador', 'en diseño',
    // ru
    'запланировано', 'запланирована', 'запланирован', 'планируется', 'в планах', 'предложено', 'черновик',
    'проект',
    // zh
    '计划', '計劃', '计划中', '計劃中', '已计划', '已計劃', '规划中', '規劃中', '草案', '草稿', '提议', '下一阶段计划', '未来', '未來', '将来', '將來',
    // ja
    '予定', '計画中', '計画', '提案', '下書き',
    // pt
    'planejado', 'planejada', 'proposto', 'rascunho', 'futuro',
    // it
    'pianificato', 'pianificata', 'programmato', 'programmata', 'bozza',
    // nl
    'gepland', 'voorgesteld',
    // ko
    '계획', '계획됨', '예정', '완료 예정', '제안', '초안',
    // pl
    'zaplanowane', 'planowane',
    // tr
    'planlandı', 'planlanan', 'planlanıyor',
    // vi
    'dự kiến', 'đã lên kế hoạch',
    // id
    'direncanakan',
    // uk
    'заплановано', 'планується',
    // cs
    'plánováno', 'naplánováno',
    // sv
    'planerad', 'planerat', 'planerade',
    'planlagt', 'planlagte', 'suunniteltu', 'tervezett', 'tervezve', 'planificat', 'planificată', 'προγραμματισμένο',
    'προγραμματισμένη', 'מתוכנן', 'מתוכננת', 'مخطط', 'مخطط له', 'नियोजित', 'योजनाबद्ध', 'วางแผนแล้ว', 'ตามแผน',
    'برنامه ریزی شده', 'پیشنهادی', 'منصوبہ بند', 'طے شدہ',
    'планирано', 'planirano', 'naplánované', 'plánované', 'načrtovano',
  ],
  blocked: [
    // en
    'blocked', 'blocker', 'blocking', 'blocked on', 'stuck', 'failed', 'failing', 'fail', 'failure', 'error',
    'broken', 'impeded', 'waiting on', 'waiting for', 'needs attention', 'timeout', 'timed out', 'stalled',
    'needs info', 'needs more info', 'awaiting feedback', 'awaiting input', 'awaiting info', 'needs repro',
    'needs reproduction', 'needs a repro',
    // fr
    'bloqué', 'bloquée', 'échoué', 'échouée', 'échec', 'en erreur',
    // de
    'blockiert', 'fehlgeschlagen', 'fehler', 'gescheitert',
    // es
    'bloqueado', 'bloqueada', 'fallido', 'fallida', 'falló', 'atascado',
    // ru
    'блокер', 'заблокировано', 'заблокирована', 'заблокирован', 'блокировано', 'ошибка', 'провалено',
    'не удалось',
    // zh
    '阻塞', '受阻', '被阻塞', '卡住', '失败', '失敗', '阻断',
    // ja
    'ブロック', 'ブロック中', '失敗', '停止中',
    // pt
    'impedido', 'impedida', 'falhou', 'com erro',
    // it
    'bloccato', 'bloccata', 'fallito', 'fallita', 'errore',
    // nl
    'geblokkeerd', 'mislukt',
    // ko
    '차단', '차단됨', '막힘', '실패',
    // pl
    'zablokowane', 'zablokowany', 'blokery', 'blokady',
    // tr
    'engellendi', 'bloke', 'başarısız',
    // vi
    'bị chặn', 'thất bại',
    // id
    'terblokir', 'terhambat', 'gagal',
    // uk
    'заблоковано',
    // cs
    'blokováno', 'zablokováno', 'selhalo',
    // sv
    'blockerad', 'blockerat', 'misslyckades',
    // da, no
    'blokeret', 'blokkert', 'fejlet', 'feilet',
    // fi
    'estetty', 'jumissa', 'epäonnistui',
    // hu
    'blokkolva', 'akadályozva', 'sikertelen',
    // ro
    'blocat', 'blocată', 'eșuat',
    // el
    'μπλοκαρισμένο', 'απέτυχε',
    // he
    'חסום', 'נכשל',
    // ar
    'محظور', 'متوقف', 'فشل',
    // hi
    'अवरुद्ध', 'विफल',
    // th
    'ถูกบล็อก', 'ติดขัด', 'ล้มเหลว',
    // fa
    'مسدود', 'مسدود شده', 'متوقف شده', 'ناموفق',
    // ur
    'رکا ہوا', 'رکاوٹ', 'بلاک', 'ناکام',
    // bg, sr, hr, sk, sl
    'блокирано', 'блокиран', 'blokirano', 'blokované', 'zablokované',
  ],
  cancelled: [
    // en
    'cancelled', 'canceled', 'cancel', 'abandoned', 'dropped', 'skipped', 'skip', 'won t do', 'wont do',
    'won t fix', 'wontfix', 'rejected', 'obsolete', 'deprecated', 'superseded', 'removed', 'discarded',
    // Undone or swapped for something else (`~~Quick-chat endpoint~~ — reverted`, `— replaced with server ids`).
    'reverted', 'rolled back', 'replaced', 'replaced with', 'zurückgenommen', 'ersetzt', 'annulé', 'revertido', 'откачено',
    'descoped', 'out of scope', 'not doing', 'killed', 'retired', 'duplicate', 'duplicated', 'closed as duplicate', 'deleted',
    'cannot reproduce', 'can t reproduce', 'cant reproduce', 'not reproducible', 'works for me', 'by design',
    'works as intended', 'works as designed', 'not a bug',
    'tombstone',
    // fr
    'annulé', 'annulée', 'abandonné', 'abandonnée', 'déprécié', 'dépréciée', 'obsolète', 'rejeté', 'rejetée',
    'supprimé', 'supprimée', 'hors périmètre',
    // de
    'abgebrochen', 'verworfen', 'abgelehnt', 'gestrichen', 'entfällt', 'veraltet', 'storniert',
    // es
    'cancelado', 'cancelada', 'descartado', 'descartada', 'abandonado', 'abandonada', 'rechazado', 'obsoleto',
    // ru
    'отменено', 'отменена', 'отменен', 'отмена', 'отклонено', 'устарело', 'заброшено',
    // zh
    '已取消', '取消', '放弃', '放棄', '废弃', '廢棄', '已废弃', '作废', '不做',
    // ja
    'キャンセル', '中止', '廃止', '見送り', '却下',
    // pt
    'cancelada', 'rejeitado', 'rejeitada', 'descontinuado',
    // it
    'annullato', 'annullata', 'cancellato', 'cancellata', 'abbandonato', 'scartato', 'rifiutato',
    // nl
    'geannuleerd', 'vervallen', 'afgewezen', 'verouderd',
    // ko
    '취소', '취소됨', '폐기', '중단',
    // pl
    'anulowane', 'porzucone', 'odrzucone',
    // tr
    'iptal', 'iptal edildi', 'vazgeçildi', 'reddedildi',
    // vi
    'đã hủy', 'hủy bỏ',
    // id
    'dibatalkan', 'batal', 'ditolak',
    // uk
    'скасовано', 'відхилено',
    // cs
    'zrušeno', 'zamítnuto',
    // sv
    'avbruten', 'avbrutet', 'inställd', 'struken',
    // da, no
    'annulleret', 'afvist', 'kansellert', 'avbrutt', 'avvist',
    // fi
    'peruttu', 'peruutettu', 'hylätty',
    // hu
    'törölve', 'visszavonva', 'elvetve',
    // ro
    'anulat', 'anulată', 'abandonat', 'respins',
    // el
    'ακυρώθηκε', 'ακυρωμένο', 'απορρίφθηκε',
    // he
    'בוטל', 'נדחה',
    // ar
    'ملغى', 'ملغي', 'تم الإلغاء', 'مرفوض',
    // hi
    'रद्द', 'रद्द किया गया',
    // th
    'ยกเลิก', 'ยกเลิกแล้ว',
    // fa
    'لغو شده', 'لغو', 'کنار گذاشته شده', 'رد شده',
    // ur
    'منسوخ', 'منسوخ شدہ', 'مسترد',
    // bg, sr, hr, sk, sl
    'отказано', 'otkazano', 'odbačeno', 'zrušené', 'zamietnuté', 'preklicano', 'zavrnjeno',
  ],
  deferred: [
    // en
    'deferred', 'defer', 'later', 'postponed', 'someday', 'someday maybe', 'icebox', 'ice box', 'on hold', 'paused',
    'parked', 'shelved', 'not now', 'low priority backlog', 'next release', 'deprioritized', 'deprioritised',
    // MoSCoW's last class: not this time
    'won t have', 'wont have', 'won t have this time', 'will not have',
    // fr
    'reporté', 'reportée', 'plus tard', 'en pause', 'suspendu', 'suspendue', 'différé', 'différée',
    // de
    'später', 'zurückgestellt', 'verschoben', 'pausiert', 'aufgeschoben',
    // es
    'aplazado', 'aplazada', 'pospuesto', 'pospuesta', 'más tarde', 'en pausa', 'diferido',
    // ru
    'отложено', 'отложена', 'отложен', 'позже', 'на паузе', 'приостановлено',
    // zh
    '推迟', '推遲', '延后', '延後', '暂缓', '暫緩', '延期', '搁置', '擱置', '以后', '以後', '暂停', '暫停',
    // ja
    '後で', '延期済み', '保留', '保留中', '一時停止',
    // pt
    'adiado', 'adiada', 'pausado', 'em pausa', 'mais tarde', 'suspenso',
    // it
    'rinviato', 'rimandato', 'posticipato', 'in pausa', 'sospeso', 'più tardi',
    // nl
    'uitgesteld', 'gepauzeerd',
    // ko
    '보류', '연기', '나중에', '일시 중지',
    // pl
    'odłożone', 'wstrzymane', 'później',
    // tr
    'ertelendi', 'ertelenen', 'askıda', 'daha sonra',
    // vi
    'tạm hoãn', 'tạm dừng', 'để sau',
    // id
    'ditunda', 'nanti',
    // uk
    'відкладено', 'пізніше', 'призупинено',
    // cs
    'odloženo', 'pozastaveno', 'později',
    // sv
    'uppskjuten', 'uppskjutet', 'pausad', 'senare',
    'udskudt', 'sat på pause', 'utsatt', 'på vent', 'senere', 'lykätty', 'tauolla', 'myöhemmin', 'elhalasztva',
    'szüneteltetve', 'később', 'amânat', 'amânată', 'suspendat', 'mai târziu', 'αναβλήθηκε', 'σε παύση', 'αργότερα',
    'מושהה', 'נדחה למועד מאוחר', 'מאוחר יותר', 'مؤجل', 'مؤجلة', 'لاحقا', 'स्थगित', 'बाद में', 'เลื่อนออกไป', 'พักไว้',
    'به تعویق افتاده', 'معوق', 'ملتوی', 'بعد میں',
    'одложено', 'по късно', 'odgođeno', 'odloženo', 'odložené',
  ],
  unknown: [
    'existing and functional', 'working document', 'implementation guide', 'rigid', 'hatched', 'seeded',
    'decided', 'ratified', 'fully mitigated', 'mitigated', 'deployment ready', 'n a', 'not applicable',
    'example', 'template', 'tbd', 'see below', 'see above',
  ],
};

/**
 * Patterns checked before the phrase table: multi-step progress (`Step 2 Complete`, `3/5 complete`) is work in
 * progress, not done.
 */
export const statusPatterns: readonly { pattern: RegExp; status: TaskStatusValue }[] = [
  { pattern: /\b(?:step|phase|stage|part)\s*\d+\s+(?:of\s+\d+\s+)?(?:complete|completed|done)\b/u, status: 'in_progress' },
  { pattern: /\b\d+\s*\/\s*\d+\s+(?:complete|completed|done)\b/u, status: 'in_progress' },
];

/**
 * Emoji used as status when no word matched (checked in order of appearance in the value). Not the building crane and
 * the gear (`🏗️ Architecture Design`, `⚙️ Algorithm Design`, `## ⚙️ Configuration`): in every bank read they name a
 * kind of work or a topic, as Cursor's memory bank labels its design phases, and no state (version 52 read them in
 * progress, over an open box too).
 */
export const statusEmoji: Readonly<Record<string, KnownStatus>> = {
  '✅': 'done',
  '✔': 'done',
  '☑': 'done',
  // Claude Code's todo list: ☒ done, ☐ pending.
  '☒': 'done',
  '✓': 'done',
  '🎉': 'done',
  '🏁': 'done',
  '🔄': 'in_progress',
  '🌀': 'in_progress',
  '🚧': 'in_progress',
  '🔃': 'in_progress',
  '⏳': 'todo',
  '⌛': 'todo',
  '🔲': 'todo',
  '⬜': 'todo',
  // The smaller white squares drawn as emoji (`◻️ Wire up the export`, `◽ Trim the logs`): the open box ⬜ is.
  '◻': 'todo',
  '◽': 'todo',
  '☐': 'todo',
  '🆕': 'todo',
  '🔮': 'planned',
  '📋': 'planned',
  '🗓': 'planned',
  '📅': 'planned',
  '❌': 'blocked',
  '✗': 'blocked',
  '✘': 'blocked',
  '✖': 'blocked',
  '🚫': 'blocked',
  '⛔': 'blocked',
  '🛑': 'blocked',
  '🗑': 'cancelled',
  '⏸': 'deferred',
  '💤': 'deferred',
  '🧊': 'deferred',
};

/** Month names (and common abbreviations) → month number, for `January 18, 2025` and `18 janv. 2025`. */
export const monthNames: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
  janvier: 1, janv: 1, février: 2, févr: 2, fevrier: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, déc: 12,
  decembre: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, juni: 6, juli: 7, oktober: 10, okt: 10, dezember: 12, dez: 12,
  enero: 1, ene: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, ago: 8,
  septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12, dic: 12,
  janeiro: 1, fevereiro: 2, fev: 2, março: 3, marco: 3, abr: 4, maio: 5, junho: 6, julho: 7, setembro: 9,
  outubro: 10, novembro: 11, dezembro: 12,
  gennaio: 1, gen: 1, febbraio: 2, aprile: 4, maggio: 5, mag: 5, giugno: 6, giu: 6, luglio: 7, lug: 7,
  settembre: 9, ottobre: 10, ott: 10, dicembre: 12,
  januari: 1, februari: 2, maart: 3, mrt: 3, mei: 5, augustus: 8,
  // Russian and Ukrainian, Polish and Czech as a date writes them (genitive: `3 марта 2025`, `3 marca 2025`) and alone
  // (`Март 2025`); Turkish, Swedish, Indonesian.
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10,
  ноября: 11, декабря: 12, январь: 1, февраль: 2, март: 3, апрель: 4, май: 5, июнь: 6, июль: 7, август: 8,
  сентябрь: 9, октябрь: 10, ноябрь: 11, декабрь: 12,
  січня: 1, лютого: 2, березня: 3, квітня: 4, травня: 5, червня: 6, липня: 7, серпня: 8, вересня: 9, жовтня: 10,
  листопада: 11, грудня: 12, січень: 1, лютий: 2, березень: 3, квітень: 4, травень: 5, червень: 6, липень: 7,
  серпень: 8, вересень: 9, жовтень: 10, листопад: 11, грудень: 12,
  stycznia: 1, lutego: 2, marca: 3, kwietnia: 4, maja: 5, czerwca: 6, lipca: 7, sierpnia: 8, września: 9,
  października: 10, listopada: 11, grudnia: 12, styczeń: 1, luty: 2, marzec: 3, kwiecień: 4, maj: 5, czerwiec: 6,
  lipiec: 7, sierpień: 8, wrzesień: 9, październik: 10, listopad: 11, grudzień: 12,
  ledna: 1, února: 2, března: 3, dubna: 4, května: 5, června: 6, července: 7, srpna: 8, září: 9, října: 10,
  listopadu: 11, prosince: 12, leden: 1, únor: 2, březen: 3, duben: 4, květen: 5, červen: 6, červenec: 7, srpen: 8,
  říjen: 10, prosinec: 12,
  ocak: 1, şubat: 2, mart: 3, nisan: 4, mayıs: 5, haziran: 6, temmuz: 7, ağustos: 8, eylül: 9, ekim: 10, kasım: 11,
  aralık: 12,
  augusti: 8, maret: 3, agustus: 8, desember: 12,
  // Danish and Norwegian (the rest as German and English write them), Finnish as a date writes them (partitive:
  // `15. maaliskuuta 2025`) and alone, Hungarian (`2025. március 15.`), Romanian.
  marts: 3,
  tammikuuta: 1, helmikuuta: 2, maaliskuuta: 3, huhtikuuta: 4, toukokuuta: 5, kesäkuuta: 6, heinäkuuta: 7,
  elokuuta: 8, syyskuuta: 9, lokakuuta: 10, marraskuuta: 11, joulukuuta: 12, tammikuu: 1, helmikuu: 2, maaliskuu: 3,
  huhtikuu: 4, toukokuu: 5, kesäkuu: 6, heinäkuu: 7, elokuu: 8, syyskuu: 9, lokakuu: 10, marraskuu: 11, joulukuu: 12,
  január: 1, február: 2, március: 3, április: 4, május: 5, június: 6, július: 7, augusztus: 8, szeptember: 9,
  október: 10, márc: 3, ápr: 4, máj: 5, jún: 6, júl: 7, szept: 9,
  ianuarie: 1, februarie: 2, martie: 3, aprilie: 4, iunie: 6, iulie: 7, septembrie: 9, octombrie: 10, noiembrie: 11,
  decembrie: 12, ian: 1, iun: 6, iul: 7,
  // Greek as a date writes them (genitive: `15 Μαρτίου 2025`) and alone; Hebrew alone and as a date writes them
  // (`15 במרץ 2025`); Arabic; Hindi; Thai (whose years are Buddhist-era when written with its month names: 2568 is
  // 2025, see `normaliseDate`).
  ιανουαρίου: 1, φεβρουαρίου: 2, μαρτίου: 3, απριλίου: 4, μαΐου: 5, ιουνίου: 6, ιουλίου: 7, αυγούστου: 8,
  σεπτεμβρίου: 9, οκτωβρίου: 10, νοεμβρίου: 11, δεκεμβρίου: 12, ιανουάριος: 1, φεβρουάριος: 2, μάρτιος: 3,
  απρίλιος: 4, μάιος: 5, ιούνιος: 6, ιούλιος: 7, αύγουστος: 8, σεπτέμβριος: 9, οκτώβριος: 10, νοέμβριος: 11,
  δεκέμβριος: 12,
  ינואר: 1, פברואר: 2, מרץ: 3, אפריל: 4, מאי: 5, יוני: 6, יולי: 7, אוגוסט: 8, ספטמבר: 9, אוקטובר: 10, נובמבר: 11,
  דצמבר: 12, בינואר: 1, בפברואר: 2, במרץ: 3, באפריל: 4, במאי: 5, ביוני: 6, ביולי: 7, באוגוסט: 8, בספטמבר: 9,
  באוקטובר: 10, בנובמבר: 11, בדצמבר: 12,
  يناير: 1, فبراير: 2, مارس: 3, أبريل: 4, إبريل: 4, مايو: 5, يونيو: 6, يوليو: 7, أغسطس: 8, سبتمبر: 9, أكتوبر: 10,
  نوفمبر: 11, ديسمبر: 12,
  // Bulgarian, Serbian (Cyrillic and Latin), Croatian (alone and as a date writes them: `15. ožujka 2025.`), Slovak
  // and Slovenian: the names no language above writes.
  януари: 1, февруари: 2, април: 4, юни: 6, юли: 7, септември: 9, октомври: 10, ноември: 11, декември: 12, јануар: 1, фебруар: 2, мај: 5,
  јун: 6, јул: 7, септембар: 9, октобар: 10, новембар: 11, децембар: 12, avgust: 8, septembar: 9,
  oktobar: 10, novembar: 11, decembar: 12, siječanj: 1, veljača: 2, ožujak: 3, travanj: 4, svibanj: 5, lipanj: 6,
  srpanj: 7, kolovoz: 8, rujan: 9, studeni: 11, prosinac: 12, siječnja: 1, veljače: 2, ožujka: 3,
  travnja: 4, svibnja: 5, lipnja: 6, srpnja: 7, kolovoza: 8, rujna: 9, studenoga: 11, studenog: 11,
  prosinca: 12, marec: 3, apríl: 4, januára: 1,
  februára: 2, apríla: 4, mája: 5, júna: 6, júla: 7, augusta: 8, septembra: 9, októbra: 10, novembra: 11,
  decembra: 12, junij: 6, julij: 7,
  // Persian and Urdu as they write the Gregorian months (a Persian date in its own calendar is no date here).
  ژانویه: 1, فوریه: 2, آوریل: 4, مه: 5, ژوئن: 6, ژوئیه: 7, اوت: 8, سپتامبر: 9, اکتبر: 10, نوامبر: 11, دسامبر: 12,
  جنوری: 1, فروری: 2, مارچ: 3, اپریل: 4, مئی: 5, جون: 6, جولائی: 7, اگست: 8, ستمبر: 9, اکتوبر: 10, نومبر: 11, دسمبر: 12,
  जनवरी: 1, फ़रवरी: 2, फरवरी: 2, मार्च: 3, अप्रैल: 4, मई: 5, जून: 6, जुलाई: 7, अगस्त: 8, सितंबर: 9, सितम्बर: 9,
  अक्टूबर: 10, अक्तूबर: 10, नवंबर: 11, नवम्बर: 11, दिसंबर: 12, दिसम्बर: 12,
  มกราคม: 1, กุมภาพันธ์: 2, มีนาคม: 3, เมษายน: 4, พฤษภาคม: 5, มิถุนายน: 6, กรกฎาคม: 7, สิงหาคม: 8, กันยายน: 9,
  ตุลาคม: 10, พฤศจิกายน: 11, ธันวาคม: 12,
};

/**
 * A date written with its month's name, day first or month first (`23 Sep 2025`, `Sep 23, 2025`, `September 24th,
 * 2025`, `1er octobre 2025`, `3 марта 2025`) or year first (`2025. március 15.`), as `normaliseDate` reads one.
 * Written as a source to be embedded.
 */
/** The month names, longest first, as a source to be embedded (`september|sept|sep|…`). */
export const monthNameSource = Object.keys(monthNames)
  .sort((a, b) => b.length - a.length)
  .join('|');

const monthDateSource = String.raw`(?:\d{1,2}(?:st|nd|rd|th|er)?\.?\s+(?:${monthNameSource})\.?,?\s+\d{4}|(?:${monthNameSource})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}\.\s+(?:${monthNameSource})\.?\s+\d{1,2}\.?)`;

/**
 * A day written in figures: ISO (`2025-04-07`), year first with slashes or dots (`2025/04/07`), in CJK (`2025年2月1日`),
 * or day and month before the year (`14/03/2025`, `21.05.2025`, `18-09-2025`: read as the file writes its dates). Written
 * as a source to be embedded.
 */
export const figureDateSource = String.raw`\d{4}-\d{2}-\d{2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}[./-]\d{1,2}[./-]\d{4}`;

/** A day written in figures or with its month's name (`9 April 2025`, `May 22, 2025`). Written as a source to be embedded. */
export const writtenDateSource = `${figureDateSource}|${monthDateSource}`;

/**
 * A due date written without a colon (`due 2025-09-15`, `due by 2025-09-01`, `by 2025-04-30`, `deadline 2025-04-10`,
 * `ETA 2025-04-20`, `target 2025-04-25` (`target: 2025-04-25` too: a date after it), `expected 2025-04-28`, `fällig
 * 31.03.2025`, `bis 15.04.2025`, `échéance 12/05/2025`, `scadenza 20/05/2025`, `vence 02/06/2025`, `prazo 30/06/2025`,
 * `due Sep 23, 2025`), as the parser reads it on a task line and write-back finds it there: the date is group 1, ISO,
 * numeric day and month (read as the file writes its other dates when ambiguous) or with its month's name. Written as a
 * source to be embedded.
 */
export const dueWithoutColonSource = String.raw`(?:due(?:\s+(?:by|on))?|by|deadline|eta|target(?:\s+date)?:?|expected(?:\s+(?:by|on))?|fällig(?:\s+(?:am|bis))?|bis(?:\s+zum)?|échéance|avant\s+le|scadenza|entro\s+il|vence(?:\s+el)?|vencimiento|prazo|até|termin)\s+(${writtenDateSource})`;
/**
 * What separates fields written across one line (`**Status:** Done · **Priority:** High`, `Status: Pending | Added: …`,
 * `**Status:** Blocked; **Owner:** Dana`): a spaced bar, middle dot or bullet, or a semicolon, then spaces. Discovery's
 * bold fields, the header status and the field-line reader end a value there. Written as a source to be embedded.
 */
export const fieldSeparatorSource = String.raw`(?:\s+[|·•]|\s*;)\s+`;
/**
 * What a list item's checkbox holds between its brackets, as write-back and the item readers find it: up to two
 * characters (`[ ]`, `[x]`, `[]`, `[✅]`), or one mark with a space each side (`[ x ]`). Written as a source to be embedded.
 */
export const checkboxMarkSource = String.raw`[^\]]{0,2}|\s\S\s`;
/**
 * The word after a planned status that names the day it is planned for (`planned for`, `scheduled for`, `prévu pour`,
 * `geplant für`), as the parser reads the day as the due date and write-back finds it there. Written as a source to be
 * embedded.
 */
export const plannedForWordSource = '(?:for|pour|für|para|per|voor)';
/** Whether a line may hold such a due date: one of its words in any case (`due`, `Due`, `fällig`), the cheap test before the pattern. */
export const dueWord = /due|by\s|deadline|eta\s|target|expected|fällig|bis|échéance|avant|scadenza|entro|vence|vencimiento|prazo|até|termin/iu;

/** The arrows that set off a status as a spaced dash does, written as one character (for character classes). */
export const arrowChars = '→⟶➜➔⇒';

/**
 * What sets off a status closing a title, between spaces: a dash (`Login page — done`) or an arrow (`Login page → done`,
 * `Audit log -> todo`, `Dark mode ⇒ complete`). Written as a source to be embedded.
 */
export const closingDashSource = `(?:[-–—]|->|=>|[${arrowChars}])`;

/**
 * One character a status mark is written with, as a source for a character class's body: any pictograph, or a box, tick
 * or cross typed as a text symbol (`☐` `☒` `□` `✓` `✗` `✘`, which are not pictographs). Write-back tells a mark from a
 * word by it (a value opening with a mark, a file's values written as marks alone).
 */
export const markCharSource = String.raw`\p{Extended_Pictographic}☐☒□✓✗✘`;

/** The marks that say done, as characters (for character classes): ✅ ✔ ☑ ☒ ✓. */
export const doneMarkChars = '✅✔☑☒✓';

/**
 * Leading marks that say a list item's state as a checkbox does (`- ✅ Write the docs`, `- ⏳ Ship it`); the other
 * status emoji (`📋`, `📅`, `🎉`…) also decorate plain bullets, so they give a status but do not make a task.
 * Read by the outline walk (which items are tasks) and by discovery (which files hold such items).
 */
export const checkboxLikeMarks: readonly string[] = ['✅', '✔', '☑', '☒', '✓', '🔄', '🚧', '⏳', '⌛', '🔲', '⬜', '◻', '◽', '☐', '□', '⏸'];
/**
 * Crosses (blocked, as the vocabulary reads them): a status mark leading or closing an item only in a list that tracks
 * open work (`✗ Drop IE support` beside `☐ Publish the docs`); in a list of do's and don'ts they are no work.
 */
export const crossMarkChars = '❌✗✘✖';
/** A cross alone, a status value (`❌`, `✗`): under work not done it says so, the section's status. */
export const crossAlonePattern = new RegExp(`^[${crossMarkChars}]\uFE0F?$`, 'u');
/** A share done written as a percentage (`60%`, `35 %`, `12.5%`). Written as a source to be embedded. */
export const shareSource = String.raw`\d{1,3}(?:[.,]\d+)?\s*%`;
/**
 * A colon setting off what follows it (`Login page: done`, `Status: Done`): a colon and a space, or a full-width colon
 * with or without one, as Chinese and Japanese text writes it (`搜索：进行中`): a pattern's source.
 */
export const colonSource = String.raw`(?::\s+|：\s*)`;
/**
 * A bold term opening a line and the colon after it, inside the bold or after it (`**Search**:`, `**Search:**`): group 1
 * the term. Written as a source to be embedded.
 */
export const boldTermSource = String.raw`(?:\*\*|__)([^*_\n]{1,60}?)\s*(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：])`;

/** A GitHub shortcode's name, between its colons (`white_check_mark`, `rocket`): written as a source to be embedded. */
export const shortcodeNameSource = '[a-z][a-z0-9_+-]*';

/**
 * GitHub's emoji shortcodes for the marks above, the crosses and the coloured circles (`:white_check_mark:` renders ✅,
 * `:construction:` 🚧, `:x:` ❌, `:red_circle:` 🔴): read as their marks wherever they stand as one (list-markers.ts),
 * and written back as shortcodes where the line wrote one. Not the emoji that decorate as often as they state
 * (`:tada:`, `:fire:`, `:gear:`, `:clipboard:`): a title keeps those as written.
 */
export const markShortcodes: Readonly<Record<string, string>> = {
  white_check_mark: '✅', heavy_check_mark: '✔', ballot_box_with_check: '☑', arrows_counterclockwise: '🔄',
  construction: '🚧', hourglass_flowing_sand: '⏳', hourglass: '⌛', black_square_button: '🔲', white_large_square: '⬜',
  white_medium_square: '◻', white_medium_small_square: '◽',
  pause_button: '⏸', x: '❌', heavy_multiplication_x: '✖', no_entry_sign: '🚫', no_entry: '⛔', stop_sign: '🛑',
  red_circle: '🔴', orange_circle: '🟠', large_orange_circle: '🟠', yellow_circle: '🟡', large_yellow_circle: '🟡',
  green_circle: '🟢', large_green_circle: '🟢', large_blue_circle: '🔵', blue_circle: '🔵',
};

/** Logseq's and org-mode's task markers, which read as a status before a space alone (`TODO Write it`, `DONE Ship it`). */
export const logseqMarkers: readonly string[] = ['TODO', 'DOING', 'DONE', 'LATER', 'NOW', 'WAITING', 'WAIT', 'CANCELED', 'CANCELLED', 'IN-PROGRESS'];

/**
 * A status word leading a list item, after its marker: in brackets (`[WIP] Plan it`, and the full-width brackets
 * Chinese and Japanese write, `【进行中】权限管理`, group 1), in capitals before
 * a colon or dash (`DONE: Write the docs`, `TODO - Tag it`, group 2; a Logseq or org-mode marker needs only a space:
 * `TODO Write it`, `DOING Review it`, `LATER Clean up`), or in bold capitals or a code span (`**DONE** Write the docs`,
 * ``` `WIP` Tune the cache ```, group 3: in the item's Markdown, not its text). The word must still read as a status:
 * a capitalised label (`Testing: unit tests`, `NOTE: …`) is not one. Written as a source to be embedded after a marker.
 */
export const statusLeadSource = String.raw`(?:(?:\[(?=[^\]\n]{2,20}\]\s)|【(?=[^】\n]{1,20}】))([^\]】\n]{1,20})[\]】]\s*|(\p{Lu}[\p{Lu} ]{1,18}?|IN-PROGRESS)(?:\s*(?:[:：]|\s[-–—])\s+|(?<=(?:^|[^\p{L}])(?:${logseqMarkers.join('|')}))\s+)|(?:\*\*|__|\x60)(\p{Lu}[\p{Lu} ]{1,18}?)(?:\*\*|__|\x60)\s*(?:[:：]|\s[-–—])?\s+)(?=\S)`;

/** The marks a heading's checkbox is written with (`[ ]`, `[x]`, `[X]`, `[✅]`, `[~]`, `[-]`), as a pattern's source. */
export const headingBoxMarkSource = '[ xX✅~-]';

/** A checkbox opening a heading (`### [x] Write the docs`): the heading's status, as on a list item. */
export const headingCheckboxPattern = new RegExp(String.raw`^(\[${headingBoxMarkSource}\])\s+(?=\S)`, 'u');

/** A checkbox closing a heading (`### 1.1 Authentication [x]`, `## Phase 2 [ ]`): its status too. */
export const headingClosingCheckboxPattern = new RegExp(String.raw`\S\s+(\[${headingBoxMarkSource}\])$`, 'u');

/** Whether a heading's text opens or closes with a checkbox. */
export function carriesHeadingCheckbox(text: string): boolean {
  return headingCheckboxPattern.test(text) || headingClosingCheckboxPattern.test(text);
}

/** Emoji that may close a heading to mark its status (`### Phase 1: Import Standardization ✅`). */
export const headingStatusEmoji: readonly string[] = ['✅', '✔', '✓', '☑', '❌', '🔄', '🚧', '⏸', '⏳', '🔲', '⬜', '◻', '◽', '🗑'];

/** Checkbox markers inside `[ ]` and the status they mean. */
export const checkboxMarkers: Readonly<Record<string, KnownStatus>> = {
  ' ': 'todo',
  '': 'todo',
  x: 'done',
  X: 'done',
  '✅': 'done',
  '✓': 'done',
  '✔': 'done',
  // A root sign for a tick, as many Chinese documents write it (`- [√] 配置持续集成`).
  '√': 'done',
  // A tick typed as the letter it looks like (`- [v] Set up the repository`).
  v: 'done',
  V: 'done',
  // The Cyrillic letter that looks like x, as Russian, Ukrainian and Bulgarian text types the tick (`- [х] Настроить CI`).
  'х': 'done',
  'Х': 'done',
  '-': 'in_progress',
  '~': 'in_progress',
  '/': 'in_progress',
  '>': 'deferred',
  '!': 'blocked',
};

/** Priority phrases → Vikunja priority (1 low, 2 medium, 3 high, 4 urgent, 5 do now). */
export const priorityPhrases: Readonly<Record<string, number>> = {
  // P-levels (P0 is the most urgent)
  p0: 4, p1: 3, p2: 2, p3: 1, p4: 1, p5: 1,
  // Incident severities (SEV-1 is the most severe; some teams start at SEV-0)
  'sev 0': 5, sev0: 5, 'sev 1': 4, sev1: 4, 'sev 2': 3, sev2: 3, 'sev 3': 2, sev3: 2, 'sev 4': 1, sev4: 1, 'sev 5': 1, sev5: 1,
  // en
  'do now': 5, immediate: 5, immediately: 5, asap: 5, emergency: 5, showstopper: 5,
  critical: 4, urgent: 4, blocker: 4, highest: 4, 'very high': 4, 'top priority': 4, 'top': 4, severe: 4,
  high: 3, important: 3, major: 3, 'must have': 3, must: 3, 'high priority': 3, 'medium high': 3,
  medium: 2, normal: 2, moderate: 2, mid: 2, 'should have': 2, should: 2, default: 2, 'medium priority': 2,
  low: 1, minor: 1, lowest: 1, trivial: 1, 'nice to have': 1, 'could have': 1, could: 1, optional: 1,
  'low priority': 1, 'very low': 1,
  // fr
  critique: 4, urgente: 4, haute: 3, élevée: 3, élevé: 3, importante: 3, moyenne: 2, moyen: 2, normale: 2,
  basse: 1, faible: 1, 'priorité haute': 3, 'priorité moyenne': 2, 'priorité basse': 1,
  // de
  kritisch: 4, kritische: 4, dringend: 4, dringende: 4, sofort: 5, hoch: 3, hohe: 3, 'hohe priorität': 3, wichtig: 3, mittel: 2, mittlere: 2,
  'mittlere priorität': 2, niedrig: 1, niedrige: 1, 'niedrige priorität': 1, gering: 1,
  // German writes the rank and the word as one (`### Hochpriorität`, `### Normalpriorität`)
  höchstpriorität: 4, 'höchste priorität': 4, hochpriorität: 3, hochprio: 3, 'normale priorität': 2, normalpriorität: 2, mittelpriorität: 2,
  normalprio: 2, niedrigpriorität: 1, niedrigprio: 1,
  // es
  crítica: 4, crítico: 4, alta: 3, alto: 3, media: 2, medio: 2, baja: 1, bajo: 1,
  'prioridad alta': 3, 'prioridad media': 2, 'prioridad baja': 1,
  // ru
  критический: 4, критичный: 4, критично: 4, срочно: 4, срочный: 4, высокий: 3, высокая: 3, важно: 3,
  средний: 2, средняя: 2, низкий: 1, низкая: 1,
  // zh
  紧急: 4, 緊急: 4, 严重: 4, 嚴重: 4, 关键: 4, 關鍵: 4, 最高: 4, 高: 3, 重要: 3, 中: 2, 中等: 2, 普通: 2, 低: 1,
  次要: 1, 高优先级: 3, 中优先级: 2, 低优先级: 1,
  // ja
  最優先: 5, 至急: 4, 高い: 3, 低い: 1, 普通の: 2,
  // pt
  baixa: 1, baixo: 1, 'prioridade alta': 3, 'prioridade média': 2, 'prioridade baixa': 1,
  // it
  bassa: 1, basso: 1, 'priorità alta': 3, 'priorità media': 2, 'priorità bassa': 1,
  // nl
  kritiek: 4, hoog: 3, hoge: 3, gemiddeld: 2, laag: 1, lage: 1, 'hoge prioriteit': 3, 'lage prioriteit': 1,
  // ko
  최우선: 5, 긴급: 4, '매우 높음': 4, 높음: 3, 보통: 2, 중간: 2, 낮음: 1,
  // pl
  krytyczny: 4, krytyczna: 4, pilne: 4, pilny: 4, wysoki: 3, wysoka: 3, średni: 2, średnia: 2, niski: 1, niska: 1,
  // tr
  kritik: 4, acil: 4, yüksek: 3, orta: 2, düşük: 1,
  // vi
  'khẩn cấp': 4, 'nghiêm trọng': 4, cao: 3, 'trung bình': 2, thấp: 1,
  // id
  kritis: 4, mendesak: 4, tinggi: 3, sedang: 2, rendah: 1,
  // uk
  критичний: 4, терміново: 4, високий: 3, висока: 3, середній: 2, середня: 2, низький: 1, низька: 1,
  // cs
  kritická: 4, kritický: 4, urgentní: 4, vysoká: 3, vysoký: 3, střední: 2, nízká: 1, nízký: 1,
  // sv
  kritisk: 4, akut: 4, hög: 3, medel: 2, låg: 1,
  // da, no
  høj: 3, høy: 3, 'høj prioritet': 3, 'høy prioritet': 3, mellem: 2, middel: 2, middels: 2, lav: 1, 'lav prioritet': 1,
  haster: 4,
  // fi
  kriittinen: 4, kiireellinen: 4, kiireinen: 4, korkea: 3, tärkeä: 3, keskitaso: 2, keskitasoinen: 2, keskisuuri: 2,
  normaali: 2, matala: 1, alhainen: 1,
  // hu
  kritikus: 4, sürgős: 4, magas: 3, fontos: 3, közepes: 2, normál: 2, alacsony: 1,
  // ro
  critică: 4, critic: 4, urgentă: 4, ridicată: 3, ridicat: 3, înaltă: 3, medie: 2, mediu: 2, scăzută: 1, scăzut: 1,
  // el
  κρίσιμη: 4, κρίσιμο: 4, επείγον: 4, επείγουσα: 4, υψηλή: 3, υψηλό: 3, μεσαία: 2, μέτρια: 2, μεσαίο: 2, χαμηλή: 1,
  χαμηλό: 1,
  // he
  קריטי: 4, קריטית: 4, דחוף: 4, דחופה: 4, גבוהה: 3, גבוה: 3, בינונית: 2, בינוני: 2, נמוכה: 1, נמוך: 1,
  // ar
  حرجة: 4, حرج: 4, عاجل: 4, عاجلة: 4, عالية: 3, عالي: 3, مرتفعة: 3, متوسطة: 2, متوسط: 2, منخفضة: 1, منخفض: 1,
  // hi
  गंभीर: 4, अत्यावश्यक: 4, तत्काल: 4, उच्च: 3, मध्यम: 2, निम्न: 1, कम: 1,
  // th
  วิกฤต: 4, เร่งด่วน: 4, สูง: 3, ปานกลาง: 2, กลาง: 2, ต่ำ: 1,
  // fa (`متوسط`, medium, as Arabic writes it)
  بحرانی: 4, حیاتی: 4, فوری: 4, بالا: 3, زیاد: 3, مهم: 3, معمولی: 2, پایین: 1, کم: 1,
  // ur (`فوری`, urgent, and `کم`, low, as Persian writes them)
  'انتہائی اہم': 4, ہنگامی: 4, زیادہ: 3, اعلیٰ: 3, بلند: 3, اہم: 3, درمیانہ: 2, درمیانی: 2,
  // bg, sr, hr, sk, sl (those the languages above do not write already)
  критичен: 4, спешно: 4, висок: 3, среден: 2, средна: 2, нисък: 1, ниска: 1, критичан: 4, хитно: 4, средњи: 2,
  низак: 1, kritičan: 4, kritično: 4, hitno: 4, visok: 3, visoka: 3, srednji: 2, srednja: 2, nizak: 1,
  stredná: 2, stredný: 2, nízka: 1, kritična: 4, nujno: 4, nizka: 1,
};

/** Emoji used as priority when no word matched. */
export const priorityEmoji: Readonly<Record<string, number>> = {
  '🔥': 4,
  '🔴': 4,
  '🟠': 3,
  '🟡': 2,
  '🟢': 1,
  '🔵': 1,
  // Obsidian Tasks' priority signifiers, written alone in a Priority cell or field.
  '🔺': 4,
  '⏫': 3,
  '🔼': 2,
  '🔽': 1,
  '⏬': 1,
};

/**
 * Section headings whose items take their status from the heading (Cline progress, Roo progress, kanban,
 * tasks-folder index), after the heading is normalised (numbering, emoji, bold, counts and dates removed).
 * Any heading that is exactly a status phrase counts too.
 */
export const sectionPhrases: Readonly<Record<KnownStatus, readonly string[]>> = {
  done: [
    'completed tasks', 'completed items', 'completed work', 'completed', 'done', 'finished', 'what works', 'work done',
    'verified complete', 'verified completed', 'what currently works', 'what already works', 'what is working', 'what s working', 'currently working',
    'what was done', 'done today', 'completed today',
    'what i did', 'what we did', 'what i did today', 'what we did today',
    'what s working', 'accomplished', 'recently completed', 'completed recently', 'shipped',
    // A list of what was finished lately (`## ✅ Recent completions`, `Zuletzt erledigt`, `最近完成`).
    'recent completions', 'latest completions', 'recently finished', 'recently done', 'recently shipped', 'zuletzt erledigt',
    // What is in place (`Fonctionnalités en place`), and finished features as Vietnamese names them.
    'fonctionnalités en place', 'ce qui est en place', 'en place', 'tính năng đã hoàn thành', 'đã hoàn thành',
    'kürzlich abgeschlossen', 'récemment terminé', 'terminé récemment', 'недавно завершено', 'недавно выполнено', '最近完成',
    '最近完了', '最近の完了',
    'terminé', 'terminé récent', 'terminées', 'tâches terminées', 'abgeschlossen', 'abgeschlossene aufgaben',
    'erledigt', 'erledigte aufgaben', 'completadas', 'tareas completadas', 'выполнено', 'выполненные задачи',
    'завершено', 'сделано', '已完成', '已完成工作', '已完成任务', '完成', '完了', '完了したこと', '完了したタスク',
    // Russian status adjectives before a noun for tasks (`Завершённые задачи`), and Japanese's `完了した作業`.
    'выполненные', 'завершённые', 'завершенные', 'сделанные', '完了した',
    'concluído', 'concluídas', 'concluídos', 'tarefas concluídas', 'feito', 'completato', 'completate',
    'attività completate', 'fatto', 'afgerond', 'voltooid', 'klaar', '완료', '완료된 작업', '완료 항목',
    // Cline's "What works" in the languages above.
    'o que funciona', 'o que já funciona', 'lo que funciona', 'lo que ya funciona', 'lo que ya está hecho', 'qué funciona', 'ce qui fonctionne', 'ce qui marche',
    'was funktioniert', 'was bereits funktioniert', 'cosa funziona', 'wat werkt', 'что работает', 'что уже работает',
    '已实现', '已实现的功能', '可用功能', '動作しているもの', 'できていること', '작동하는 것', '작동하는 기능',
    // Cline's "What works" and finished-task headings in Polish, Turkish, Vietnamese, Indonesian, Ukrainian, Czech, Swedish.
    'co działa', 'ukończone zadania', 'zadania ukończone', 'neler çalışıyor', 'çalışanlar', 'tamamlanan görevler',
    'những gì hoạt động', 'những gì đã hoạt động', 'nhiệm vụ đã hoàn thành', 'công việc đã hoàn thành',
    'yang sudah berfungsi', 'apa yang berfungsi', 'tugas selesai', 'tugas yang selesai', 'що працює', 'виконані завдання',
    'co funguje', 'dokončené úkoly', 'vad som fungerar', 'klara uppgifter', 'avklarade uppgifter',
    // Persian, Urdu
    'کارهای انجام شده', 'کارهای تکمیل شده', 'وظایف انجام شده', 'وظایف تکمیل شده', 'چه چیزی کار می کند', 'مکمل کام',
    'مکمل شدہ کام', 'کیا کام کر رہا ہے',
    // Bulgarian, Serbian, Croatian, Slovak, Slovenian
    'какво работи', 'завършени задачи', 'завършени', 'шта ради', 'завршени задаци', 'što radi', 'šta radi', 'završeni zadaci',
    'čo funguje', 'dokončené úlohy', 'kaj deluje', 'končane naloge',
    // A list of finished tasks or milestones named so (`Completed task list`, `完了タスク一覧`, `Ulaşılan Kilometre
    // Taşları`), and Korean's "what works now" (`현재 작동하는 부분`).
    'completed task list', 'completed tasks list', 'list of completed tasks', 'completed milestones', 'milestones reached',
    'reached milestones', 'achieved milestones', 'milestones achieved', '完了タスク一覧', '完了タスクリスト', '已完成任务列表',
    '已完成任務列表', 'ulaşılan kilometre taşları', 'tamamlanan kilometre taşları', 'erreichte meilensteine',
    'достигнутые вехи', '현재 작동하는 부분', '작동하는 부분', '완료된 작업 목록',
  ],
  in_progress: [
    'in progress', 'current tasks', 'current task', 'current work', 'active tasks', 'doing', 'wip',
    'being built', 'currently building', 'what s being built', 'what is being built', 'what we re building', 'under construction',
    'work in progress', 'en cours', 'tâches en cours', 'in bearbeitung', 'in arbeit', 'laufende aufgaben',
    'en progreso', 'en curso', 'tareas en curso', 'в работе', 'в процессе', 'текущие задачи', '进行中',
    '进行中的工作', '進行中', '当前任务', '対応中', '作業中', '進行中のタスク',
    'em andamento', 'em progresso', 'tarefas em andamento', 'in corso', 'attività in corso', 'bezig', 'in uitvoering',
    'lopend', '진행 중', '진행중', '진행 중인 작업',
    'zadania w trakcie', 'devam eden görevler', 'nhiệm vụ đang thực hiện', 'công việc đang thực hiện',
    'công việc đang tiến hành', 'đang tiến hành', 'đang thực hiện',
    'tugas yang sedang dikerjakan', 'поточні завдання', 'rozpracované úkoly', 'pågående uppgifter',
    'کارهای در حال انجام', 'کارهای جاری', 'وظایف در حال انجام', 'جاری کام',
    'текущи задачи', 'задаци у току', 'zadaci u tijeku', 'zadaci u toku', 'rozpracované úlohy', 'naloge v teku',
  ],
  todo: [
    'pending', 'next steps', 'next', 'next up', 'to do', 'todo', 'todos', 'still to do', 'what s left', 'what s left to build',
    // What a session or a day of a journal hands on (`## Next session`, `## For tomorrow`, `## Nächste Sitzung`).
    'next session', 'for next session', 'for the next session', 'next session priorities', 'next session goals',
    // What the next sprint takes up (`### Next sprint priorities (after the lint fixes)`).
    'next sprint priorities', 'next sprint goals', 'priorities for the next sprint', 'next priorities',
    // What is yet to be built or done (`À développer`, `Do zbudowania`).
    'à développer', 'à construire', 'à implémenter', 'do zbudowania', 'do zrobienia', 'do zaimplementowania',
    'todo next session', 'next time', 'tomorrow', 'for tomorrow', 'todo tomorrow', 'nächste sitzung', 'für morgen',
    'prochaine session', 'prochaine séance', 'pour demain', 'próxima sesión', 'para mañana', 'próxima sessão',
    'para amanhã', 'prossima sessione', 'per domani', 'volgende sessie', 'voor morgen', 'следующая сессия', 'на завтра',
    '下次会话', '下次', '明天', '明日やること', '次回', '次回やること', '다음 세션', '내일',
    'left to build', 'remaining', 'remaining work', 'remaining tasks', 'backlog',
    'incomplete', 'not started', 'upcoming', 'upcoming tasks', 'open tasks', 'open', 'queue', 'queued',
    'not planned', 'not yet planned', 'unplanned', 'not prioritized', 'not prioritised', 'nicht geplant', 'non planifié', 'no planificado',
    // Action lists as agents and meeting notes head them.
    'next actions', 'next action', 'action items', 'open action items', 'immediate actions', 'immediate next steps',
    'pending actions', 'follow ups', 'follow up items',
    // Board columns and lists named as teams name them.
    'on deck', 'needs triage', 'to triage', 'sprint backlog', 'product backlog', 'still open', 'open items', 'open points', 'needs follow up', 'needs follow ups', 'follow ups',
    'prochaines étapes', 'à faire', 'en attente', 'anstehend', 'anstehende aufgaben', 'nächste schritte',
    'offene aufgaben', 'offen', 'próximos pasos', 'pendiente', 'pendientes', 'tareas pendientes',
    'следующие шаги', 'осталось', 'осталось сделать', '待办', '待办事项', '下一步',
    // `next` said as what comes next (`In Arbeit / als Nächstes`, `В работе / следующее`).
    'als nächstes', 'следующее', 'далее',
    '下一步工作重点', '未完成', '次のステップ', '残りのタスク', '残っているタスク', '残タスク', '未完了', '未着手', '剩余任务', '待完成',
    'pendente', 'pendentes', 'a fazer', 'tarefas pendentes', 'próximos passos', 'da fare', 'attività da fare',
    'prossimi passi', 'nog te doen', 'te doen', 'volgende stappen', 'open taken', '할 일', '남은 작업', '다음 단계',
    '대기', '대기 중',
    // Cline's "What's left to build" in the languages above.
    'o que falta', 'o que falta construir', 'o que falta fazer', 'lo que falta', 'lo que falta por construir',
    'lo que queda por construir', 'lo que queda por hacer', 'qué falta', 'ce qui reste', 'ce qui reste à faire',
    'ce qui reste à construire', 'ce qu il reste à construire', 'ce qu il reste à faire', 'reste à faire',
    'was noch fehlt', 'was noch zu tun ist', 'was noch zu bauen ist', 'was noch zu erstellen ist',
    'was noch zu entwickeln ist', 'was noch zu implementieren ist', 'was noch zu erledigen ist', 'cosa manca', 'cosa resta da fare',
    'cosa manca da costruire', 'wat nog moet', 'wat nog gebouwd moet worden', 'что осталось', 'что осталось сделать',
    'что осталось построить', '剩余工作', '待开发', '残作業', '残りの作業', '남은 것', '남은 기능',
    // Cline's "What's left to build" and open-task headings in Polish, Turkish, Vietnamese, Indonesian, Ukrainian, Czech, Swedish.
    'co pozostało', 'co zostało do zrobienia', 'co pozostało do zrobienia', 'zadania do zrobienia', 'yapılacak işler',
    'kalan işler', 'neler kaldı', 'những gì còn lại', 'công việc còn lại', 'nhiệm vụ cần làm', 'việc cần làm tiếp theo',
    'yang masih perlu dibangun', 'yang perlu dikerjakan', 'tugas yang tersisa', 'що залишилось', 'що залишилося',
    'що залишилось зробити', 'що залишилося зробити', 'co zbývá', 'co zbývá udělat', 'zbývající úkoly',
    'vad som återstår', 'kvar att bygga', 'återstående uppgifter',
    // Other ways of writing it: open points, what is still missing.
    'still to build', 'to build', 'offene punkte', 'noch offen', 'was fehlt noch', 'lo que falta construir',
    'lo que falta hacer', 'o que ainda falta', 'o que ainda falta construir', 'o que ainda falta fazer', 'pendências',
    'ancora da fare', 'wat nog moet gebeuren', 'wat nog ontbreekt', 'eksikler', 'eksik olanlar',
    'what s missing', 'what is missing', 'still missing', 'still needed', 'was fehlt', 'ce qui manque',
    'чего не хватает', '缺失', '缺失功能', '未実装',
    // Persian, Urdu
    'کارهای باقی مانده', 'وظایف باقی مانده', 'چه چیزی باقی مانده', 'آنچه باقی مانده', 'باقی کام', 'کیا باقی ہے',
    'какво остава', 'предстоящи задачи', 'шта је преостало', 'преостали задаци', 'što je preostalo', 'šta je preostalo',
    'preostali zadaci', 'čo zostáva', 'zostávajúce úlohy', 'kaj je še ostalo', 'preostale naloge',
    // The milestones still ahead (`Next milestones`, `Sonraki Kilometre Taşları`), and Korean's "what is left to build".
    'next milestones', 'upcoming milestones', 'sonraki kilometre taşları', 'nächste meilensteine', 'следующие вехи',
    // The goals next (`Next objectives`, `Próximos objetivos`, `Nächste Ziele`).
    'next objectives', 'immediate objectives', 'next goals', 'upcoming goals', 'próximos objetivos', 'próximas metas',
    'prochains objectifs', 'nächste ziele', 'prossimi obiettivi', 'следующие цели', '下一步目标', '次の目標', 'sonraki hedefler',
    '구축해야 할 부분', '남은 부분', '구현해야 할 부분',
  ],
  planned: [
    'planned', 'planned tasks', 'planned work', 'future', 'future work', 'future tasks', 'proposed',
    'ideas', 'backlog ideas', 'future ideas', 'feature ideas', 'ideas backlog', 'wishlist', 'wish list', 'stretch goals', 'next sprint', 'geplant', 'geplante aufgaben', 'planifié', 'tâches planifiées', 'planificado', 'planificadas',
    'запланировано', 'запланированные', '计划', '计划中', '下一阶段计划', '予定', 'planejado', 'pianificato', 'gepland', '계획', '예정', '진행 예정',
    'tính năng đã lên kế hoạch', 'đã lên kế hoạch',
  ],
  blocked: [
    'blocked', 'blocked tasks', 'on hold blocked', 'waiting on others', 'waiting for others', 'bloqué', 'blockiert', 'bloqueado', 'заблокировано', 'заблокированные',
    '阻塞', '受阻', 'ブロック中', 'bloccato', 'geblokkeerd', '차단됨', '막힘',
  ],
  cancelled: [
    'abandoned', 'cancelled', 'canceled', 'dropped', 'won t do', 'wont do', 'rejected', 'obsolete', 'cut', 'graveyard',
    'abandonné', 'annulé', 'verworfen', 'abgebrochen', 'abandonado', 'cancelado', 'отменено', '已取消',
    '放弃', '中止', 'annullato', 'geannuleerd', '취소',
  ],
  deferred: [
    'later', 'deferred', 'someday', 'icebox', 'ice box', 'on hold', 'parked', 'parking lot', 'postponed', 'won t have', 'wont have', 'plus tard', 'reporté',
    'später', 'zurückgestellt', 'más tarde', 'aplazado', 'позже', 'отложено', 'отложенные', '以后', '暂缓', '搁置', '後で',
    'adiado', 'mais tarde', 'rimandato', 'più tardi', 'uitgesteld', '보류', '나중에',
  ],
};

/**
 * Folder names that say the status of the task files in them, besides the section phrases (`done/`, `backlog/`,
 * `COMPLETED/`, `tasks-completed/`): words a heading would not be a status section for (`active`).
 */
export const statusFolderNames: Readonly<Record<string, KnownStatus>> = {
  active: 'in_progress',
  current: 'in_progress',
  ongoing: 'in_progress',
  doing: 'in_progress',
  open: 'todo',
  new: 'todo',
  closed: 'done',
  finished: 'done',
  resolved: 'done',
};

/**
 * Words naming the whole rather than a piece of work (`- Overall: on track`, `- Total: 60% complete`, `- Итого:
 * готово`): a title of these, statuses and numbers alone names no work (text.ts' `namesWork`), so such a summary line
 * is not a task.
 */
export const summaryWords: readonly string[] = [
  'overall', 'total', 'totals', 'summary', 'everything', 'altogether', 'all', 'global', 'general',
  'gesamt', 'insgesamt', 'gesamtstatus', 'général', 'globale', 'ensemble', 'resumen',
  'итого', 'всего', 'общий', 'общее', '总体', '整体', '总计', '全体', '合計',
  // What a document's first section sums up (`## Overview` over `| Status | In progress |`)
  'overview', 'übersicht', 'überblick', 'aperçu', 'resumo', 'panoramica', 'overzicht',
  'обзор', '概览', '概要', '概況', '概述',
];

/**
 * Status words that name a stage, a role or a state of things as often as a task's progress (`- Dana — design`,
 * `- Billing API (live)`): alone after a dash or in parentheses they do not make a bullet a task (they still give a
 * task its status).
 */
export const stageWords: readonly string[] = [
  'design', 'designing', 'review', 'reviewing', 'testing', 'tests', 'qa', 'plan', 'planning', 'current', 'active',
  'live', 'new', 'open', 'now', 'idea', 'draft',
];

/**
 * Stages of the work that name work to do, not a state (`stageWords` also holds `current`, `open`, `new`): a checkbox
 * naming one alone is a step (`- [ ] Code-Review`), and before a noun for work one names the work's topic (`## Testing
 * Tasks`), not its status.
 */
export const workStageWords: readonly string[] = ['design', 'review', 'code review', 'testing', 'tests', 'qa', 'verification'];

/** Headings that are never status sections even though the word alone is a status (`### Verified`). */
export const nonSectionHeadings: readonly string[] = [
  'verified', 'verification', 'status', 'plan', 'design', 'review', 'testing', 'tests', 'current', 'active',
  'live', 'pass', 'error', 'errors', 'success', 'result', 'results', 'new', 'open', 'now', 'idea',
  // prose sections: descriptions of the system, not work items
  'known issues', 'open issues', 'known bugs', 'known problems', 'issues', 'achievements', 'overview', 'summary',
  'introduction', 'известные проблемы', '已知问题', '既知の問題', 'problèmes connus', 'bekannte probleme',
  'problemas conocidos', 'problemas conhecidos', 'problemi noti', 'bekende problemen', '알려진 문제', '알려진 이슈',
  // an issue's resolution as a heading explains a behaviour (`## Not a Bug`, `## By Design`): prose, not a list of work
  'not a bug', 'by design', 'works as intended', 'works as designed', 'works for me', 'cannot reproduce', 'can t reproduce',
  'cant reproduce', 'not reproducible', 'investigating', 'under investigation', 'triaged', 'acknowledged', 'needs repro',
];

/**
 * Headings or bold labels whose lists are acceptance criteria, legends or definitions, not work items.
 * Checkboxes under them go to the parent task's body.
 */
export const criteriaPhrases: readonly string[] = [
  'acceptance criteria', 'acceptance criterion', 'criteria', 'success criteria', 'exit criteria',
  'definition of done', 'dod', 'legend', 'status legend', 'key', 'verification', 'verification checklist',
  'validation criteria', 'done when', 'requirements met', 'akzeptanzkriterien', 'abnahmekriterien',
  'critères d acceptation', 'critères de succès', 'légende', 'criterios de aceptación', 'leyenda',
  'критерии приемки', 'критерии приёмки', 'критерии готовности', 'легенда', '验收标准', '驗收標準', '完成标准',
  '图例', '受け入れ基準', '凡例', 'quality gates', 'success metrics', 'checklist legend', 'critérios de aceitação',
  'criteri di accettazione', 'acceptatiecriteria', 'legenda', '인수 조건', '완료 조건', '범례',
  // The definition of done and success criteria as other languages name them (`### Definição de Pronto (DoD):`,
  // `### Critérios de Sucesso:`): what finished work must satisfy, not work.
  'definição de pronto', 'definição de concluído', 'definición de hecho', 'definición de terminado', 'définition de terminé',
  'définition de fini', 'definizione di fatto', 'definizione di completato', 'definitie van klaar', 'определение готовности',
  '完成定义', '完成的定义', '完了の定義', 'critérios de sucesso', 'criterios de éxito', 'erfolgskriterien', 'criteri di successo',
  'succescriteria', 'критерии успеха', 'kryteria sukcesu', 'kryteria akceptacji', '成功标准', '成功標準', '成功基準', '성공 기준',
  // How to use the file itself (`**How to use:**` over `1. Add new ideas under the right priority`): instructions.
  'how to use', 'how to use this file', 'usage', 'verwendung', 'mode d emploi', 'utilisation', 'cómo usar', 'como usar',
  'как использовать', 'использование', '使用方法', '使い方', '사용법', '使用说明',
  // The checks run to validate the work (`## Validation Checklist` over `- [x] \`pnpm build\` : succès`), as a verification
  // checklist's: results of checking, no work.
  'validation checklist', 'checklist de validation', 'liste de vérification',
  'validierungscheckliste', 'prüfliste', 'lista de validación', 'lista de verificación', 'checklist de validação',
  'lista di verifica', 'чек лист проверки', 'чеклист проверки', '验证清单', '驗證清單', '検証チェックリスト', '검증 체크리스트',
  // The files the work touched, listed under a label or heading (`**Files created/modified:**` over `` - `models/client.go`
  // - HTTP client ✅ ``): an inventory, its marks saying each file was written, no work. `namesReport` (extractors/text.ts)
  // reads labels naming changed files as reports too, some not listed here (`**Файлы изменены:**`): under those a checkbox
  // after the files is still a task (fixture 386). Two lists of the same names, to be made one.
  'files created', 'files modified', 'files created modified', 'files modified created', 'files changed', 'changed files',
  'modified files', 'new files', 'created files', 'files added', 'files touched', 'key files', 'geänderte dateien',
  'neue dateien', 'fichiers modifiés', 'fichiers créés', 'archivos modificados', 'archivos creados', 'arquivos modificados',
  'arquivos criados', 'file modificati', 'измененные файлы', 'изменённые файлы', 'созданные файлы', '修改的文件', '修改文件',
  '新增文件', '变更文件', '変更ファイル', '変更したファイル', '수정된 파일', '변경된 파일',
  // Notes the work left (`**Important notes:**` over `- Rate limiting per provider is essential ✅`): remarks, no work.
  'important notes', 'implementation notes', 'technical notes', 'key notes', 'key insights', 'insights', 'key learnings',
  'learnings', 'lessons learned', 'wichtige hinweise', 'notes importantes', 'notas importantes', 'важные заметки',
  '重要说明', '注意事项', '注意事項',
  // How to start the next piece of work (`### For new tasks use:` over `1. **WF-06: Feature work** - full cycle`).
  'for new tasks use', 'for new tasks', 'for new bugs use', 'for new bugs', 'to start a new task', 'how to add a task',
  'для новых задач используйте', 'для новых задач', 'для новых багов используйте', 'для новых багов', 'für neue aufgaben',
  'pour les nouvelles tâches', 'para nuevas tareas', '新任务请使用', '新しいタスクには',
];

/**
 * Words naming criteria or constraints, heading a list of them in a few words (`MVP readiness criteria`, `Critères de
 * qualité`, `Критерии готовности MVP`, `Başarı Kriterleri`, `Technical constraints`, `技術約束`): what the work must
 * satisfy or live with, not work. Written as `normaliseVocabularyText` leaves them (accents dropped, lower case); a
 * word of them opening or closing the heading.
 */
export const criteriaHeadWords: readonly string[] = [
  'criteria', 'criterion', 'kriterien', 'kriterium', 'kriterleri', 'kriterler', 'criteres', 'criterios', 'criterias',
  'criteri', 'kryteria', 'критерии', 'критерий', 'constraints', 'einschrankungen', 'randbedingungen', 'contraintes',
  'restricciones', 'restricoes', 'vincoli', 'ograniczenia', 'ограничения', 'kisitlar', 'kisitlamalar', 'beperkingen',
];
/** The same in scripts written without spaces, closing the heading (`技術約束`, `技术约束`, `制約事項`, `기술 제약`). */
export const criteriaHeadEndings: readonly string[] = ['约束', '約束', '制约', '制約', '制約事項', '制约条件', '制約条件', '约束条件', '제약', '제약 조건', '제약 사항'];

/** What a bold or table field name means. */
export type FieldKind =
  | 'status'
  | 'overallStatus'
  | 'priority'
  | 'owner'
  | 'author'
  | 'due'
  | 'start'
  | 'done'
  | 'created'
  | 'updated'
  | 'id'
  | 'title'
  | 'description'
  | 'estimate'
  | 'dependencies'
  | 'tags'
  | 'type'
  | 'percent'
  | 'requirements'
  | 'criteria'
  | 'deliverables'
  | 'notes';

/** Localised field names (bold fields, key/value tables, inline `(Status: …)`, table headers). */
export const fieldNames: Readonly<Record<FieldKind, readonly string[]>> = {
  status: [
    'status', 'state', 'stage', 'current status', 'task status', 'outcome', 'result', 'estado', 'statut', 'état',
    'zustand', 'статус', 'состояние', '状态', '狀態', '状態', '状況', 'ステータス', '进度状态', 'situação', 'stato', '상태',
    'durum', 'trạng thái', 'tình trạng', 'stav', 'stan', 'стан', 'tillstånd', 'toestand',
    // Finnish, Hungarian, Romanian, Greek, Hebrew, Arabic, Hindi, Thai (Danish and Norwegian write `status`)
    'tila', 'állapot', 'stare', 'κατάσταση', 'סטטוס', 'מצב', 'الحالة', 'حالة', 'स्थिति', 'สถานะ',
    // Persian, Urdu
    'وضعیت', 'حالت', 'اسٹیٹس', 'کیفیت',
    // Bulgarian, Serbian, Croatian, Slovak, Slovenian (`Status`, `Статус`, `Stav` as the languages above write them)
    'състояние', 'стање', 'stanje',
  ],
  overallStatus: ['overall status', 'overall progress', 'progress status'],
  priority: [
    'priority', 'prio', 'pri', 'severity', 'importance', 'priorität', 'priorite', 'priorité', 'prioridad',
    'приоритет', 'важность', '优先级', '優先級', '优先', '優先度', '重要度', 'prioridade', 'priorità', 'prioriteit',
    '우선순위', 'priorytet', 'öncelik', 'độ ưu tiên', 'ưu tiên', 'prioritas', 'пріоритет', 'priorita', 'prioritet',
    'prioriteetti', 'tärkeys', 'prioritás', 'prioritate', 'προτεραιότητα', 'עדיפות', 'الأولوية', 'प्राथमिकता', 'ลำดับความสำคัญ',
    'اولویت', 'ترجیح',
    'prioriteta',
  ],
  owner: [
    'owner', 'owners', 'assignee', 'assignees', 'assign', 'assigned', 'assigned to', 'responsible', 'lead', 'dri', 'who',
    'agent', 'verantwortlich', 'zuständig', 'responsable', 'asignado', 'asignado a', 'ответственный',
    'исполнитель', '负责人', '負責人', '分配给', '分配給', '担当', '担当者', '执行人', 'responsável', 'atribuído a',
    'responsabile', 'assegnato a', 'eigenaar', 'verantwoordelijke', 'toegewezen aan', '담당자', '담당',
    // Polish, Ukrainian, Swedish, Turkish, Vietnamese, Indonesian, Czech
    'właściciel', 'odpowiedzialny', 'osoba odpowiedzialna', 'przypisany do', 'відповідальний', 'виконавець', 'ansvarig',
    'tilldelad', 'sorumlu', 'atanan', 'người phụ trách', 'người thực hiện', 'phụ trách', 'penanggung jawab', 'pic',
    'ditugaskan ke', 'odpovědná osoba', 'řešitel', 'přiřazeno',
    // Danish, Norwegian, Finnish, Hungarian, Romanian, Greek, Hebrew, Arabic, Hindi, Thai
    'ansvarlig', 'vastuuhenkilö', 'vastuussa', 'felelős', 'responsabil', 'υπεύθυνος', 'אחראי', 'المسؤول', 'ज़िम्मेदार',
    'जिम्मेदार', 'ผู้รับผิดชอบ',
    // Persian, Urdu
    'مسئول', 'مالک', 'واگذار شده به', 'ذمہ دار',
    // Bulgarian, Serbian, Croatian, Slovak, Slovenian
    'отговорник', 'одговорни', 'задужен', 'odgovorna osoba', 'zadužen', 'nositelj', 'zodpovedná osoba', 'riešiteľ', 'odgovorna oseba', 'nosilec',
  ],
  author: ['author', 'authors', 'created by', 'autor', 'auteur', 'автор', '作者', 'autore', '작성자'],
  due: [
    'due', 'due date', 'due by', 'deadline', 'target date', 'target completion', 'eta', 'fällig', 'fälligkeit',
    'frist', 'échéance', 'date limite', 'fecha límite', 'vencimiento', 'срок', 'дедлайн', '截止日期', '截止',
    '计划完成', '計劃完成', '期限', '期日', '完成期限', 'prazo', 'data limite', 'scadenza', 'vervaldatum', '마감일',
    '마감', '기한',
    'fällig am', 'fällig bis', 'termin', 'termin wykonania', 'termin realizacji', 'термін', 'термін виконання',
    'förfallodatum', 'slutdatum', 'bitiş tarihi', 'son tarih', 'teslim tarihi', 'hạn chót', 'hạn hoàn thành',
    'ngày hết hạn', 'tenggat', 'tenggat waktu', 'batas waktu', 'termín', 'termín dokončení',
    'määräaika', 'eräpäivä', 'határidő', 'termen limită', 'προθεσμία', 'תאריך יעד', 'الموعد النهائي', 'अंतिम तिथि', 'กำหนดส่ง',
    'forfaldsdato', 'forfallsdato', 'tidsfrist', 'määräpäivä', 'takaraja', 'esedékesség', 'termen', 'data limită',
    'scadență', 'ημερομηνία λήξης', 'ημερομηνία παράδοσης', 'מועד אחרון', 'מועד יעד', 'تاريخ الاستحقاق', 'تاريخ التسليم',
    'नियत तिथि', 'समय सीमा', 'วันครบกำหนด', 'กำหนดเสร็จ',
    // Persian, Urdu
    'مهلت', 'موعد', 'سررسید', 'تاریخ سررسید', 'تاریخ تحویل', 'ددلاین', 'آخری تاریخ', 'مقررہ تاریخ', 'ڈیڈ لائن',
    // Bulgarian, Serbian, Croatian, Slovak, Slovenian
    'краен срок', 'рок', 'rok', 'krajnji rok', 'rok izvršenja', 'termín dokončenia', 'rok dokončanja',
  ],
  start: [
    'start', 'start date', 'started', 'started on', 'date started', 'scheduled',
    // a start's date and time, as Japanese and Chinese tools write it (`開始日時`, `开始时间`)
    '開始日時', '開始時刻', '開始時間', '开始时间', 'beginn', 'début', 'inicio', 'начало', '开始日期', '開始日',
    'data de início', 'inizio', 'data di inizio', 'startdatum', '시작일',
    'data rozpoczęcia', 'дата початку', 'başlangıç tarihi', 'ngày bắt đầu', 'tanggal mulai', 'datum zahájení',
    'startdato', 'aloituspäivä', 'kezdés', 'kezdő dátum', 'data de început', 'data începerii', 'ημερομηνία έναρξης',
    'תאריך התחלה', 'تاريخ البدء', 'आरंभ तिथि', 'प्रारंभ तिथि', 'วันเริ่มต้น',
    'تاریخ شروع', 'تاریخ آغاز',
    // A start written as the word alone or its date (`Başlangıç`, `Дата начала`, `Fecha de inicio`, `Begonnen am`).
    'başlangıç', 'дата начала', 'начато', 'fecha de inicio', 'iniciado', 'begonnen', 'begonnen am', 'date de début',
    'начална дата', 'датум почетка', 'datum početka', 'dátum začatia', 'datum začetka',
  ],
  done: [
    'completed', 'completed on', 'completed date', 'completion date', 'done date', 'done on', 'finished', 'finished on',
    // the date first, as a tracker's export writes it (`Date Completed: 2025-05-20`)
    'date completed', 'date finished', 'date resolved', 'date closed',
    // the day the work was implemented, or last carried out (`**Implementation Date:** June 12, 2025`, Kilo Code's
    // `**Last performed:** July 29, 2025`)
    'implementation date', 'date implemented', 'implemented on', 'last completed', 'last performed',
    // a completion's date and time, as Japanese tools write it (`完了日時`, `完了時刻`)
    '完了日時', '完了時刻',
    'closed', 'resolved on', 'actual completion', 'erledigt am', 'abgeschlossen am', 'terminé le',
    'completado', 'завершено', '完成日期', '完成时间', '完成時間', '完了日', 'concluído em', 'data de conclusão',
    'completato il', 'data di completamento', 'afgerond op', '완료일',
    'data ukończenia', 'дата завершення', 'slutfört', 'tamamlanma tarihi', 'ngày hoàn thành', 'tanggal selesai',
    'datum dokončení',
    // Its finish written so too (`Tamamlanma`, `Дата завершения`, `Fecha de finalización`, `Fertiggestellt`).
    'tamamlanma', 'дата завершения', 'дата окончания', 'fecha de finalización', 'fecha de finalizacion',
    'finalizado el', 'fertiggestellt', 'fertiggestellt am', 'date de fin', 'date d achèvement',
    'afsluttet den', 'fullført den', 'valmistumispäivä', 'befejezés dátuma', 'data finalizării', 'ημερομηνία ολοκλήρωσης',
    'תאריך סיום', 'تاريخ الإنجاز', 'पूर्णता तिथि', 'วันที่เสร็จ',
    'تاریخ تکمیل', 'تاریخ اتمام', 'تکمیل کی تاریخ',
    'дата на завършване', 'датум завршетка', 'datum završetka', 'dátum dokončenia', 'datum zaključka',
  ],
  created: [
    'added', 'created', 'created date', 'created on', 'date created', 'opened', 'date', 'datum', 'fecha', 'дата', '日期', '日付', '날짜', 'erstellt',
    'créé', 'creado', 'создано', '创建日期', '建立日期', '作成日', 'criado', 'criado em', 'adicionado',
    'adicionado em', 'creato', 'creato il', 'aggiunto', 'aangemaakt', 'toegevoegd', '생성일', '작성일', '등록일',
    'utworzono', 'dodano', 'data utworzenia', 'створено', 'дата створення', 'skapad', 'tillagd', 'oluşturuldu', 'eklendi',
    'ngày tạo', 'tanggal dibuat', 'dibuat', 'vytvořeno', 'přidáno', 'datum vytvoření',
    'oprettet', 'opprettet', 'tilføjet', 'lagt til', 'luotu', 'lisätty', 'létrehozva', 'hozzáadva', 'adăugat',
    'data creării', 'δημιουργήθηκε', 'ημερομηνία δημιουργίας', 'נוצר', 'תאריך יצירה', 'تاريخ الإنشاء', 'निर्माण तिथि',
    'สร้างเมื่อ', 'วันที่สร้าง',
    'اضافه شده', 'ایجاد شده', 'تاریخ ایجاد', 'شامل کیا گیا', 'بنایا گیا', 'تاریخ اندراج',
    'добавено', 'създадено', 'додато', 'креирано', 'dodano', 'dodato', 'kreirano', 'vytvorené', 'pridané', 'ustvarjeno',
    // Feminine and dated forms, and other words for it (`**Ajoutée :**` over a French task file, `Erstellt am`, `创建时间`)
    'ajouté', 'ajoutée', 'ajouté le', 'ajoutée le', 'créée', 'créé le', 'créée le', 'date de création', 'date d ajout',
    'añadido', 'añadida', 'agregado', 'agregada', 'creada', 'creado el', 'creada el', 'fecha de creación',
    'hinzugefügt', 'hinzugefügt am', 'angelegt', 'angelegt am', 'erstellt am', 'erstellungsdatum', 'criada', 'criada em',
    'adicionada', 'data de criação', 'creata', 'creata il', 'aggiunta', 'data di creazione', 'aangemaakt op',
    'toegevoegd op', 'dodane', 'utworzone', 'добавлено', 'добавлена', 'создана', 'создан', 'дата создания', '创建时间',
    '添加日期', '添加时间', '新增日期', '創建日期', '建立時間', '新增時間', '追加日', '作成日時', '登録日', '起票日',
  ],
  updated: [
    'updated', 'last updated', 'updated on', 'date updated', 'modified', 'last modified', 'date modified', 'aktualisiert', 'mis à jour',
    'actualizado', 'обновлено', '更新日期', '更新日', '最后更新', 'atualizado', 'atualizado em', 'última atualização',
    'aggiornato', 'ultimo aggiornamento', 'bijgewerkt', 'laatst bijgewerkt', '수정일', '최종 수정',
    'zaktualizowano', 'ostatnia aktualizacja', 'оновлено', 'uppdaterad', 'senast uppdaterad', 'güncellendi',
    'son güncelleme', 'cập nhật', 'cập nhật lần cuối', 'diperbarui', 'terakhir diperbarui', 'aktualizováno',
    'naposledy aktualizováno',
    'opdateret', 'oppdatert', 'sidst opdateret', 'sist oppdatert', 'päivitetty', 'viimeksi päivitetty', 'frissítve',
    'utoljára frissítve', 'actualizat', 'ultima actualizare', 'ενημερώθηκε', 'τελευταία ενημέρωση', 'עודכן',
    'עדכון אחרון', 'آخر تحديث', 'अद्यतन', 'अंतिम अद्यतन', 'อัปเดตล่าสุด', 'ปรับปรุงล่าสุด',
    // Persian (a zero-width non-joiner reads as a space: `به‌روزرسانی`), Urdu
    'به روزرسانی', 'بروزرسانی', 'به روز رسانی', 'آخرین به روزرسانی', 'آخرین بروزرسانی', 'به روز شده', 'تازہ کاری',
    'آخری تازہ کاری', 'اپ ڈیٹ', 'آخری اپ ڈیٹ',
    'обновено', 'актуализирано', 'последна актуализация', 'ажурирано', 'ažurirano', 'aktualizované', 'posodobljeno',
    // Feminine and dated forms, and other words for it (`**Mise à jour :**`, `Zuletzt aktualisiert`, `更新时间`)
    'mise à jour', 'mis à jour le', 'mise à jour le', 'dernière mise à jour', 'modifié', 'modifiée', 'modifié le',
    'actualizada', 'actualizado el', 'última actualización', 'modificado', 'zuletzt aktualisiert', 'aktualisiert am',
    'letzte aktualisierung', 'geändert', 'geändert am', 'zuletzt geändert', 'atualizada', 'aggiornata', 'aggiornato il',
    'gewijzigd', 'gewijzigd op', 'zaktualizowane', 'обновлена', 'обновлён', 'обновлен', 'последнее обновление',
    'дата обновления', '更新时间', '最后更新时间', '最後更新', '更新時間', '更新日時', '最終更新', '最終更新日',
  ],
  id: ['id', 'task id', 'ticket', 'ticket id', 'issue id', 'no', 'nr', 'number', '#', '№', 'номер', '编号', '編號', '序号', '번호', 'شناسه', 'آئی ڈی', 'タスクid', 'タスク id', '任务id', '任务 id', '任務id'],
  title: [
    'title', 'name', 'task name', 'summary', 'titel', 'titre', 'título', 'название', '标题', '標題', 'タイトル', '概要', '任务名称', 'タスク名',
    'titolo', 'nome', 'naam', '제목', 'عنوان', 'заглавие', 'наслов', 'naslov', 'názov',
  ],
  description: [
    'description', 'details', 'detail', 'desc', 'beschreibung', 'descripción', 'описание', '描述', '说明', '説明',
    'descrição', 'descrizione', 'beschrijving', 'omschrijving', '설명', 'توضیحات', 'شرح', 'تفصیل', 'опис', 'opis', 'popis',
  ],
  estimate: [
    'estimate', 'estimated', 'est', 'effort', 'estimated effort', 'story points', 'points', 'size', 'complexity',
    'aufwand', 'estimation', 'estimación', 'оценка', '预估工作量', '預估工作量', '工作量', '見積もり', 'estimativa',
    'stima', 'schatting', '예상 시간',
  ],
  dependencies: [
    'dependencies', 'depends on', 'dependency', 'blocked by', 'requires', 'abhängigkeiten', 'dépendances',
    'dependencias', 'зависимости', '依赖', '依賴', '依存関係', 'dependências', 'dipendenze', 'afhankelijkheden',
    '의존성',
  ],
  tags: ['tags', 'labels', 'label', 'tag', 'schlagworte', 'étiquettes', 'etiquetas', 'теги', 'метки', '标签', '標籤', 'タグ', '태그'],
  type: ['type', 'kind', 'category', 'typ', 'catégorie', 'tipo', 'тип', '类型', '類型', '種類', 'categoria', 'soort', '유형'],
  percent: [
    'progress', 'percent', 'percent done', 'completion', 'readiness', 'fortschritt', 'progression', 'progreso', 'прогресс',
    '进度', '進度', '進捗', 'progresso', 'avanzamento', 'voortgang', '진행률',
  ],
  requirements: ['requirements', 'requirement', 'anforderungen', 'exigences', 'requisitos', 'требования', '需求', 'requisiti', 'eisen', '요구사항'],
  criteria: [
    'acceptance criteria', 'acceptance', 'criteria', 'success criteria', 'definition of done', 'ac', 'acs',
    'akzeptanzkriterien', 'critères d acceptation', 'criterios de aceptación', 'критерии приемки', '验收标准',
    'critérios de aceitação', 'criteri di accettazione', 'acceptatiecriteria', '인수 조건',
  ],
  deliverables: [
    'deliverables', 'deliverable', 'lieferumfang', 'livrables', 'entregables', 'результаты', '交付物', '子任務', '子任务', 'subtasks',
    'sub tasks', 'entregáveis', 'subtarefas', 'sottoattività', 'subtaken', '하위 작업',
  ],
  notes: [
    'notes', 'note', 'comments', 'comment', 'remarks', 'notizen', 'anmerkungen', 'remarques', 'notas', 'примечания', '备注', '備註', '注記',
    'observações', 'opmerkingen', 'notities', '메모', '비고',
    // Links to other work (`- **Linked Tasks**: TASK-009 (complete)`): a note on the task, whatever status it names.
    'linked tasks', 'linked task', 'related tasks', 'related task', 'linked issues', 'related issues', 'verknüpfte aufgaben',
    'tâches liées', 'tareas relacionadas', 'связанные задачи', '关联任务', '相关任务', '関連タスク',
  ],
};

/** Table header names that hold the task's title when the table is read as a task table. */
export const titleColumnNames: readonly string[] = [
  'task', 'tasks', 'title', 'name', 'task name', 'item', 'work item', 'description', 'deliverable',
  'deliverables', 'feature', 'story', 'objective', 'milestone', 'subtask', 'sub task', 'action', 'fix', 'issue',
  'todo', 'to do', 'summary', 'aufgabe', 'titel', 'tâche', 'titre', 'tarea', 'título', 'задача', 'название',
  'задачи', '任务', '任務', '标题', '事项', 'タスク', '項目', 'tarefa', 'atividade', 'attività', 'compito', 'taak',
  'titolo', '작업', '과제', '제목', 'وظیفه', 'تسک', 'عنوان', 'کام', 'ٹاسک', 'задатак', 'zadatak', 'úloha', 'naloga',
  // A milestone in the languages above (`| Datum | Meilenstein | Status |`).
  'meilenstein', 'jalon', 'hito', 'marco', 'веха', 'этап', '里程碑', 'マイルストーン', '마일스톤', 'traguardo', 'mijlpaal',
];

/** Placeholder item text that is never a task (`- (none)`, `_Пока нет_`, `*`). */
export const placeholderTexts: readonly string[] = [
  '', 'none', 'none yet', 'n a', 'na', 'nothing', 'nothing yet', 'tbd', 'tba', '…', '...', 'empty',
  'aucun', 'aucune', 'rien', 'keine', 'nichts', 'ninguno', 'ninguna', 'nada', 'нет', 'пока нет', 'ничего',
  '无', '無', '暂无', '暫無', 'なし', '特になし', 'nenhum', 'nenhuma', 'nessuno', 'nessuna', 'niente', 'geen', 'niets', '없음',
  'brak', 'ingen', 'inga', 'ei mitään', 'yok', 'không có', 'tidak ada', 'žádné', 'nincs', 'niciuna', 'nimic',
  // none yet
  'chưa có', 'chưa có gì', 'noch keine', 'noch nichts', 'pas encore', 'todavía nada', 'aún nada', 'ainda nada', 'ainda nenhum',
  'ещё нет', 'еще нет', '尚无', '尚無', 'まだなし', '아직 없음', 'henüz yok', 'jeszcze brak',
];

/** Owner values that mean "nobody yet". */
export const ownerPlaceholders: readonly string[] = [
  'tbd', 'tba', 'n a', 'na', 'none', 'unassigned', 'nobody', 'anyone', 'festzulegen', 'offen', 'à définir',
  'por definir', 'не назначен', '待定', '未分配', '未定', 'username', 'name', 'owner', 'a definir', 'da definire',
  '미정',
];


// ---------------------------------------------------------------------------------------------------------------
// Discovery's words (classify.ts): file and folder names, frontmatter types, table columns, section prefixes.
// Matching is on normalised text: lower case, no emphasis, no emoji.
// ---------------------------------------------------------------------------------------------------------------

/** Known context files, by normalised file stem prefix (letters only), with the reason given. */
export const contextFileNames: readonly (readonly [string, string])[] = [
  ['projectbrief', 'Cline core file projectbrief: project context, not tasks'],
  ['productcontext', 'Cline core file productContext: product context, not tasks'],
  ['systempatterns', 'Cline core file systemPatterns: architecture and patterns, not tasks'],
  ['techcontext', 'Cline core file techContext: technical context, not tasks'],
  ['activecontext', 'Cline core file activeContext: current focus; its next steps are context, tasks live in progress/tasks files'],
  ['decisionlog', 'decision log: decisions and rationale, not tasks'],
  ['decisions', 'decision record: decisions and rationale, not tasks'],
  ['styleguide', 'cursor style-guide: conventions, not tasks'],
  ['readme', 'README: describes the folder, not tasks'],
  ['sessionlog', 'session log: what happened in past sessions, not tasks'],
  ['changelog', 'changelog: history, not tasks'],
  ['glossary', 'glossary: definitions, not tasks'],
  ['contributing', 'contributing guide: conventions, not tasks'],
  ['license', 'licence text, not tasks'],
];

/** Folders whose files are context whatever they contain (after the strong task formats were checked). */
export const contextFolders: readonly (readonly [string, string])[] = [
  ['creative', 'cursor creative/ file: design decision of a creative phase, not tasks'],
  ['reflection', 'cursor reflection/ file: retrospective on a finished task, not tasks'],
  ['reflections', 'reflection file: retrospective on finished work, not tasks'],
  ['archive', 'archived document (archive/): finished work kept for the record, not live tasks'],
  ['_archive', 'archived document (_archive/): superseded, not live tasks'],
  ['archived', 'archived document (archived/): superseded, not live tasks'],
  ['_archived', 'archived document (_archived/): superseded, not live tasks'],
  ['.archived', 'archived document (.archived/): finished work kept for the record, not live tasks'],
  ['decisions', 'decision record (decisions/): decisions, not tasks'],
  ['adr', 'architecture decision record (adr/): decisions, not tasks'],
];

/**
 * Words other languages name a list of work with (`## Aufgaben`, `## Задачи интерфейса`, `aufgaben.md`, `タスク.md`): as
 * a heading's noun (`taskListHeadingWords`) and as a file's name, a task list as `tasks.md` is (`taskListStems`).
 */
const otherTaskListWords: readonly string[] = [
  'aufgaben', 'tâches', 'tareas', 'tarefas', 'taken', 'задачи', 'завдання', 'zadania', 'úkoly', 'görevler', 'uppgifter', 'tugas', '任务', '任務', '待办', '待辦', 'タスク',
  // The other languages the vocabulary reads (Danish, Norwegian, Finnish, Hungarian, Romanian, Greek, Hebrew, Arabic,
  // Persian, Slovak, Slovenian, Croatian, Serbian, Korean): `opgaver.md`, `tehtävät/`, `## Feladatok`.
  'opgaver', 'oppgaver', 'tehtävät', 'feladatok', 'sarcini', 'εργασίες', 'משימות', 'مهام', 'وظایف', 'úlohy', 'naloge', 'zadaci', 'задаци', '작업',
];

/**
 * What other languages name a progress log (`fortschritt.md`, `avancement.md`, `進捗.md`), as `progress.md` is named: a
 * progress location, whose status sections and checklists are read as progress.md's are.
 */
const otherProgressStems: readonly string[] = [
  'fortschritt', 'avancement', 'progreso', 'progresso', 'avanzamento', 'voortgang', 'postęp', 'pokrok', 'ilerleme', 'framsteg', 'kemajuan', 'прогресс', 'прогрес', '进度', '進度', '進捗', '진행상황',
  // Other words for it, and the other languages the vocabulary reads (`avance.md`, `edistyminen.md`, `napredak.md`,
  // `πρόοδος.md`, `پیشرفت.md`, `tiến-độ.md`, `进展.md`).
  'avance', 'andamento', 'progression', 'edistyminen', 'fremdrift', 'fremskridt', 'fremgang', 'haladás', 'előrehaladás', 'progres', 'napredak',
  'napredek', 'напредък', 'напредак', 'πρόοδος', 'התקדמות', 'تقدم', 'التقدم', 'प्रगति', 'ความคืบหน้า', 'پیشرفت', 'tiếnđộ', '进展', '進展', '진행',
];

/** Folder names that hold tasks: a file inside is a task source when it carries task signals. */
export const taskFolders: readonly string[] = [
  'tasks',
  'task',
  'todo',
  'todos',
  'progress',
  'backlog',
  'milestones',
  'sprints',
  'sprint',
  // a sprint or a stage of the plan by other names (`iterations/iteration-4.md`, `phases/phase-2-import.md`)
  'iterations',
  'iteration',
  'phases',
  'kanban',
  // logs of the work, by day or session, by other names than progress
  'journal',
  'journals',
  'worklog',
  'worklogs',
  'devlog',
  'devlogs',
  // named in another language (`aufgaben/`, `tareas/`, `задачи/`)
  ...otherTaskListWords,
];

/**
 * Folders of work items, one per file (`features/dark-mode.md`, `epics/`, `stories/`, `bugs/`): task locations by
 * their exact name (not as a word of a longer one: `known-issues/` is not one).
 */
export const workItemFolders: readonly string[] = ['features', 'feature', 'epics', 'epic', 'stories', 'story', 'bugs', 'issues', 'tickets', 'work-items', 'workitems', 'workstreams', 'initiatives'];

/** A list of work named for the tool it stands in for (`taskmanager.md`, `Task-Manager.md`, `# Task Manager`). */
export const toolListStems: readonly string[] = ['taskmanager'];

/** File stems (normalised, letters only) that mark a task source by name. */
export const taskFileStems: readonly string[] = [
  'progress',
  ...otherProgressStems,
  ...otherTaskListWords,
  'tasks',
  'task',
  'todo',
  'todos',
  'tasklist',
  ...toolListStems,
  'backlog',
  'milestones',
  'milestone',
  // a plan of the work by quarter or phase (`roadmap.md`: checklists of features, `## Planned` over bullets)
  'roadmap',
  // Cline's first convention (`cline_docs/projectRoadmap.md`, `cline_docs/currentTask.md`)
  'projectroadmap',
  'currenttask',
  'activesprint',
  'sprint',
  'kanban',
  // lists of work named for what they hold
  'actionitems',
  'workitems',
  'nextsteps',
  'bugs',
  'issues',
  'tickets',
  'epics',
  // a log of bugs found and fixed (`buglog.md`, `bug-log.md`)
  'buglog',
  'tracker',
  'tasktracker',
  'checklist',
  'punchlist',
  'worklist',
  // the planner's working list of the Windsurf and Cursor rule sets (`.windsurf/memory-bank/scratchpad.md`: task sections
  // with their `**Status**:` and `**Priority**:` over checklists)
  'scratchpad',
  // a sprint by another name, numbered (`iteration-4.md`)
  'iteration',
  // a log of the work by another name than progress (`journal.md`, `work-log.md`, `devLog.md`)
  'journal',
  'worklog',
  'devlog',
  // a log or a list of tasks, the words joined (`task-log.md`, `TaskLog.md`, `to-do-list.md`)
  'tasklog',
  'todolist',
];

/** Stems that name a free-form task list (cursor `tasks.md` and kin): the `cursor-tasks` extractor reads them. */
export const taskListStems: readonly string[] = ['tasks', 'todo', 'todos', 'tasklist', ...otherTaskListWords];

/**
 * Words a heading names a list of work items with (`## Backend tasks`, `## Release checklist`, `## Задачи`): a list of
 * checkbox-like marks under it is the work's items even when every mark says done. English ones first: an English
 * heading ends with its noun (`## Release checklist`), or opens with it before a preposition (`## Tasks for v2`); in
 * the other languages the noun may open it (`## Задачи интерфейса`, `## Tâches du backend`).
 */
export const taskListHeadingWords: { readonly english: readonly string[]; readonly other: readonly string[] } = {
  english: ['tasks', 'todo', 'todos', 'to-do', 'to-dos', 'to do', 'checklist', 'backlog'],
  other: otherTaskListWords,
};

/**
 * Names of the fields a bug's entry is written with (`**Where**:`, `**Symptom**:`, `**Cause**:`, `**Impact**:`): a
 * heading over two of them or more, in a list of bugs, is one bug.
 */
export const bugFieldNames: readonly string[] = [
  'where', 'symptom', 'symptoms', 'error', 'cause', 'root cause', 'impact', 'steps to reproduce', 'repro', 'reproduction', 'expected',
  'actual', 'expected behavior', 'actual behavior', 'expected behaviour', 'actual behaviour', 'severity', 'workaround', 'affected',
  'wo', 'symptom', 'fehler', 'ursache', 'auswirkung', 'reproduktion', 'où', 'symptôme', 'erreur', 'cause racine', 'impact', 'dónde',
  'síntoma', 'causa', 'impacto', 'onde', 'sintoma', 'где', 'симптом', 'ошибка', 'причина', 'влияние', '位置', '现象', '错误', '原因',
  '影响', '复现步骤', '症状', '影響', '再現手順',
];

/** Words in a file or folder name that mark a report, metrics or history, even in a task location. */
export const reportNameWords: readonly string[] = ['metrics', 'history', 'achievements', 'changelog', 'report', 'summary'];

/** Frontmatter `type` values that describe one task. */
export const taskTypes: readonly string[] = [
  'task',
  'subtask',
  'todo',
  'milestone',
  'feature',
  'epic',
  'story',
  'user-story',
  'bug',
  'issue',
  'chore',
];

/** Frontmatter `type` / `document_type` values that describe a document, not a task. */
export const documentTypes: readonly string[] = [
  'project',
  'guidelines',
  'guideline',
  'progress',
  'report',
  'chronicle',
  'discovery',
  'specification',
  'spec',
  'checkpoint',
  'reference',
  'documentation',
  'doc',
  'docs',
  'decision',
  'adr',
  'note',
  'notes',
  'context',
  'activecontext',
  'productcontext',
  'research',
  'strategic-distillation',
  'glossary',
  'overview',
  'handover',
  'handoff',
  'protocol',
  'template',
];

/**
 * Frontmatter `status` values that speak of task progress. Document-lifecycle words (`active`, `draft`, `final`,
 * `verified`, `RIGID`…) are deliberately absent (FORMATS.md §3).
 */
export const taskStatusWords: readonly string[] = [
  'todo',
  'to do',
  'to-do',
  'planned',
  'pending',
  'in progress',
  'in-progress',
  'in_progress',
  'wip',
  'doing',
  'blocked',
  'done',
  'complete',
  'completed',
  'closed',
  'open',
  'backlog',
  'not started',
  'not-started',
  'cancelled',
  'canceled',
  'deferred',
  'on hold',
  'on-hold',
  'queued',
  'in review',
  'review',
  // Words issue trackers and release notes write for a task's progress (a document's lifecycle has none of them).
  'resolved',
  'fixed',
  'merged',
  'shipped',
  'released',
  'deployed',
  'wontfix',
  "won't fix",
  "won't do",
  'dropped',
  'parked',
  'icebox',
  'in qa',
  'qa',
  'ready for qa',
];

/** Template markers in frontmatter `status`. */
export const templateStatusWords: readonly string[] = ['example', 'template', 'sample'];

/** Table columns, by role (normalised header text), as discovery reads them. */
/**
 * Table columns that answer "is it done?" with a yes or a no (`| Task | Done |` holding `✓`/`✗`, `Yes`/`No`,
 * `[x]`/`[ ]`): beside a title column and without a status column, they give each row its status. A done-date
 * column (`Completed`, `Finished`) does too: a row with a date is done.
 */
export const doneFlagColumns: readonly string[] = [
  'done', 'done?', 'complete', 'complete?', 'completed?', 'finished?', 'erledigt', 'erledigt?', 'fertig', 'fait',
  'terminé', 'terminée', 'hecho', 'listo', 'готово', 'выполнено', '完成', '已完成', '完了', '済', '済み', 'feito',
  'concluído', 'fatto', 'completato', 'klaar', 'afgerond', '완료',
];

/** The cells of a done-flag column: yes (done) and no (not done yet: `✗` here is not "blocked"), lower case. */
export const doneFlagValues: Readonly<Record<'yes' | 'no', readonly string[]>> = {
  yes: ['✓', '✔', '✔️', '✅', '☑', '☑️', 'x', '[x]', 'yes', 'y', 'true', 'oui', 'ja', 'sí', 'si', 'да', '是', 'はい', '済', 'sim', '예', '네'],
  no: ['✗', '✘', '❌', '✖', '✖️', '[ ]', '[]', '☐', '⬜', 'no', 'n', 'false', 'non', 'nein', 'нет', '否', 'いいえ', 'não', 'nee', '아니오', '아니요'],
};

/**
 * Title columns that name work only loosely (`Item`, `Feature`): under them a table may list things and their states
 * (`| Item | Status |` over `Online`, `| Feature | Status |` over `Stable`), so its status cells decide (see
 * `recordsStates` in extractors/tables.ts). Normalised header text.
 */
export const looseWorkColumns: readonly string[] = ['item', 'items', 'feature', 'features', '事项', '項目'];

/**
 * Words of a decision record's status, lower case (`Accepted`, `Superseded by ADR-4`, `Agreed`): a table whose status
 * cells all open with these, one at least from `only`, is a decision log, not work. `shared` are also work statuses.
 */
export const decisionStates: Readonly<Record<'only' | 'shared', readonly string[]>> = {
  only: [
    'accepted', 'agreed', 'adopted', 'decided', 'superseded', 'amended', 'ratified', 'akzeptiert', 'angenommen',
    'beschlossen', 'ersetzt', 'accepté', 'acceptée', 'adopté', 'adoptée', 'remplacé', 'aceptado', 'aceptada', 'adoptado',
    'accettato', 'accettata', 'aceito', 'aceita', 'geaccepteerd', 'aangenomen', 'принято', 'принят', '採用', '承認済み', '已采纳', '已接受',
  ],
  shared: ['proposed', 'rejected', 'deprecated', 'draft', 'approved', 'withdrawn', 'declined', 'vorgeschlagen', 'abgelehnt', 'proposé', 'rejeté', 'propuesto', 'rechazado', 'proposto', 'rifiutato', 'voorgesteld', 'afgewezen', 'предложено', 'отклонено'],
};

/**
 * Words of a test's outcome, lower case (`Pass`, `Failed`, `Not run`, `Skipped`): a table whose status cells all open
 * with these, one at least from `only`, records test results, not work. `shared` are also work statuses.
 */
export const testOutcomes: Readonly<Record<'only' | 'shared', readonly string[]>> = {
  only: ['pass', 'passed', 'passing', 'fail', 'failed', 'failing', 'skip', 'skipped', 'untested', 'flaky', 'not run', 'not tested', 'not executed', 'bestanden', 'réussi', 'échoué', 'fallido', 'superato', 'fallito', 'geslaagd', 'mislukt'],
  shared: ['blocked', 'pending', 'n/a', 'na', 'in progress', 'retest', 'open'],
};

/**
 * Words saying whether a thing is there, as an inventory records it (`✅ Exists`, `❌ Missing`, `Vorhanden`, `Fehlt`):
 * `only` words say it is, `shared` ones that it is not or in part. A status column of them lists things, not work.
 */
export const existenceStates: Readonly<Record<'only' | 'shared', readonly string[]>> = {
  only: [
    'exists', 'exist', 'existing', 'present', 'found', 'in place', 'vorhanden', 'existiert', 'existe', 'existente', 'présent', 'présente',
    'presente', 'esiste', 'есть', 'существует', 'имеется', '存在', '已存在', '存在する', 'あり', '있음', '존재', 'mevcut', 'var', 'ada', 'tồn tại',
  ],
  shared: [
    'missing', 'absent', 'not present', 'not found', 'none', 'partial', 'partially', 'n/a', 'na', 'fehlt', 'nicht vorhanden', 'manquant',
    'manquante', 'absente', 'ausente', 'faltante', 'faltando', 'mancante', 'assente', 'отсутствует', 'нет', '缺失', '不存在', '无', 'なし',
    '없음', 'yok', 'eksik', 'tidak ada', 'không có', 'thiếu',
  ],
};

/**
 * What a heading names a list of the statuses and their meanings with, after the word status (`## Status definitions`,
 * `## Status legend`): a regex source. Its items define words, they are no work.
 */
export const statusLegendSource = String.raw`status (?:glossary|definitions?|legend|meanings?|key)`;

/**
 * What a legend of the file's marks is labelled with, a heading or a label before a colon (`## Status Legend`,
 * `**Legend:** ✅ = done · ❌ = cancelled`, `Legende:`, `凡例`): a regex source, matched whole, in lower case.
 */
export const legendLabelSource = String.raw`(?:(?:status|mark|symbol|emoji)s?\s+)?(?:legend|key)|legende|légende|leyenda|legenda|легенда|凡例|图例|圖例|범례|chú thích`;

/**
 * Headers of an id column (`fields`' id names) that may number a table's rows instead (`#`, `No.`), lower case with no
 * closing period: its cells counting 1, 2, 3 down the rows are the rows' places, not ids (a row put in above renumbers
 * every row below it). `ID` is not one of them.
 */
export const rowNumberColumns: readonly string[] = ['#', 'no', 'nr', 'n°', 'nº', '№', 'number', '序号', 'номер', '번호'];

export const tableColumns: Readonly<Record<'id' | 'title' | 'weakTitle' | 'status' | 'doneFlag' | 'assigned' | 'priority', readonly string[]>> = {
  id: ['id', '#', 'no', 'nr', 'n°', '№', 'key', 'task id', 'task #', 'task no', 'ticket', 'item id', 'job id', '编号', 'номер', '번호', 'شناسه', 'آئی ڈی'],
  title: [
    'task',
    'tasks',
    'task name',
    'задача',
    'задачи',
    '任务',
    '任務',
    'deliverable',
    'deliverables',
    'item',
    'action',
    'action item',
    'todo',
    'to do',
    'work item',
    'fix',
    'bug',
    'bugs',
    'defect',
    'defects',
    'tarea',
    'aufgabe',
    'tâche',
    'tache',
    'story',
    'feature',
    'milestone',
    'milestones',
    'subtask',
    'sub task',
    'タスク',
    '事项',
    '項目',
    'tarefa',
    'atividade',
    'attività',
    'compito',
    'taak',
    '작업',
    '과제',
    // Polish, Turkish, Vietnamese, Czech, Swedish, Danish, Norwegian, Finnish, Hungarian, Romanian, Greek, Hebrew,
    // Arabic, Hindi, Thai
    'zadanie',
    'görev',
    'nhiệm vụ',
    'công việc',
    'úkol',
    'uppgift',
    'opgave',
    'oppgave',
    'tehtävä',
    'feladat',
    'sarcină',
    'εργασία',
    'משימה',
    'المهمة',
    'مهمة',
    'कार्य',
    'งาน',
    // Persian, Urdu
    'وظیفه',
    'وظایف',
    'تسک',
    'کام',
    'ٹاسک',
    // Serbian, Croatian, Slovak, Slovenian (Bulgarian writes `задача`)
    'задатак',
    'zadatak',
    'úloha',
    'naloga',
  ],
  weakTitle: [
    'description', 'title', 'name', 'summary', 'описание', '描述', 'beschreibung', 'titel', 'descripción', 'titre', 'título', 'название', '标题',
    'descrição', 'descrizione', 'beschrijving', 'titolo', 'nome', 'naam', '설명', '제목', 'توضیحات', 'شرح', 'تفصیل', 'عنوان',
    'опис', 'opis', 'popis', 'заглавие', 'наслов', 'naslov', 'názov',
  ],
  // Every status field name the parser reads (`état`, `ステータス`, `zustand`…), plus table-only headers.
  status: [...new Set([...fieldNames.status, 'stand', 'progress'])],
  // Yes/no and done-date columns and percent columns (a header of marks only, `✓`, `✅`, is `isMarkColumn`'s).
  doneFlag: [...doneFlagColumns, ...fieldNames.done, ...fieldNames.percent],
  // Who does it or by when: beside a column that names work (`| Task | Assignee | ETA |`), the rows are work to do.
  assigned: [...fieldNames.owner, ...fieldNames.due],
  priority: fieldNames.priority,
};

/**
 * Status phrases that open a section heading with a qualifier after them ("Next steps for the repository",
 * "Was noch zu erstellen ist"). Only phrases: a single status word at the start ("Complete API details",
 * "Completed migration story") is not a status section; a heading that is exactly a status is matched by the
 * vocabulary (`matchSection`).
 */
export const statusSectionPrefixes: readonly (readonly [string, RegExp])[] = [
  [
    'done',
    /^(?:what works|fixes implemented|was (?:bereits )?funktioniert|completed tasks|done tasks|(?:現状|現在)?(?:完成した|動作している|できている)|o que (?:já )?funciona|lo que (?:ya )?funciona|cosa (?:già )?funziona|ce qui (?:fonctionne|marche)|wat (?:al )?werkt|что (?:уже )?работает|що (?:вже )?працює|co (?:już )?działa|co (?:už )?funguje|vad som (?:redan )?fungerar|neler çalışıyor|những gì (?:đã )?hoạt động|(?:apa )?yang sudah berfungsi|(?:目前|当前)?(?:已经可用|已可用|已经实现|已经完成)|(?:현재\s*)?(?:완료된|작동하는))/u,
  ],
  [
    'todo',
    /^(?:what'?s left|left to build|next steps?\b|was noch zu|n[äa]chste schritte|[àa] faire|prochaines [ée]tapes|ce qui reste [àa]|ce qu.?il reste|pr[óo]ximos pasos|待修复|待完成|待构建|待实现|待开发|还需要|下一步|下一阶段|今後|残りの|残っている|o que (?:ainda )?(?:falta|resta)|lo que (?:todav[íi]a )?(?:falta|queda)|pr[óo]ximos passos|cosa (?:manca|resta da|rimane da)|prossimi passi|nog te doen|wat nog (?:moet|ontbreekt)|volgende stappen|still to build|was fehlt|что (?:ещё |еще )?(?:осталось|нужно сделать)|що (?:ще )?(?:залишилось|залишилося)|co (?:jeszcze )?(?:zostało|pozostało)|co (?:ještě )?zbývá|vad som (?:återstår|är kvar)|(?:apa )?yang masih perlu|những gì còn|남은 작업|남은 것|다음 단계)/u,
  ],
  ['in-progress', /^(?:in progress\b|current tasks|in bearbeitung|en cours|en progreso|в работе|进行中|進行中|作業中|em andamento|in corso|bezig met|진행 중)/u],
  ['blocked', /^(?:on hold\b)/u],
];

/**
 * The status a heading's label opening with a status phrase gives (`statusSectionPrefixes`: `next steps for the
 * beta` → `todo`), else null. The label is in lower case without emphasis; numbering and marks before its first
 * letter are dropped here. The classifier and the extractor both read headings through it.
 */
export function matchStatusSectionPrefix(label: string): string | null {
  // A typographic apostrophe (`What’s left`, as editors and assistants write it) is the typed one.
  const text = label.replace(/^[\d.\s)(:-]+/u, '').replace(/^[^\p{L}]+/u, '').replace(/[’‘ʼ]/gu, "'");
  for (const [status, pattern] of statusSectionPrefixes) if (pattern.test(text)) return status;
  return null;
}

/** Roo Code's fixed progress.md sections. */
export const rooSectionPattern = /^(?:completed tasks|current tasks|next steps)$/;

/** Words in a file name that mark a document about work (a hand-off, a manual), not one task, when outside a tasks folder. */
export const documentNameWords: readonly string[] = ['handoff', 'handover', 'manual', 'prompt', 'review', 'index', 'guide', 'plan', 'roadmap', 'resources', 'overview', 'research', 'protocol', 'compendium', 'strategy'];

/**
 * Words that make a prefixed or suffixed file name a task file (`level4_tasks.md`, `sprint-3-tasks.md`; a board,
 * `project-board.md`, Indonesian `papan-proyek.md`).
 */
export const taskStemWords: readonly string[] = ['tasks', 'todo', 'todos', 'tasklist', 'backlog', 'progress', 'sprint', 'items', 'tracker', 'kanban', 'bugs', 'board', 'papan'];

/**
 * Words that make a file name of several words a list of work (`open-issues.md`, `launch-punchlist.md`,
 * `closed-tickets.md`, `refactoring-epics-and-tickets.md`, `frontend-buglog.md`; two of its words joined too,
 * `workspace-task-log.md`, `frontend-bug-log.md`), besides
 * `taskStemWords`: not data keys naming a status map (`issues:` is a list of records). Not `checklist`: a
 * `…-INTEGRATION-CHECKLIST.md` is as often a list of things to verify as of work.
 */
export const listStemWords: readonly string[] = [...taskStemWords, 'punchlist', 'worklist', 'issues', 'tickets', 'epics', 'buglog', 'tasklog', 'worklog', 'devlog'];

/**
 * Words a title written over two lines breaks after (`Translate the emails into German and` / `French`): the line
 * under it carries the title on, even when it opens with a capital. English, German, French, Spanish, Dutch,
 * Portuguese and Italian articles, prepositions and conjunctions.
 */
export const wrapConnectors: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'to', 'of', 'for', 'with', 'without', 'in', 'into', 'on', 'onto', 'at', 'by',
  'from', 'as', 'via', 'per', 'about', 'than', 'that', 'which', 'when', 'if', 'our', 'their', 'its', 'your', 'my', 'this',
  'these', 'those', 'between', 'across', 'over', 'under', 'after', 'before', 'using', 'like',
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'und', 'oder', 'für', 'mit',
  'von', 'vom', 'zu', 'zum', 'zur', 'im', 'ins', 'auf', 'aus', 'bei', 'nach', 'über', 'unter', 'gegen', 'ohne', 'durch',
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'et', 'ou', 'pour', 'avec', 'sans', 'dans', 'sur', 'par', 'au', 'aux',
  'el', 'los', 'las', 'una', 'y', 'o', 'para', 'con', 'sin', 'en', 'del', 'al', 'por',
  'het', 'een', 'en', 'of', 'voor', 'met', 'van', 'naar', 'op',
  'os', 'as', 'um', 'uma', 'e', 'com', 'em', 'do', 'da', 'dos', 'das', 'no', 'na',
  'il', 'lo', 'gli', 'con', 'per', 'di', 'nel', 'nella', 'della', 'ed',
]);

