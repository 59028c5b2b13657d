/**
 * The language a file is written in: its script, then its common words; and whether that language writes a date in
 * figures day first.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage, writesDayFirst } from '../../../src/memory-bank/language.js';

describe('detectLanguage', () => {
  it('reads the script, then common words', () => {
    expect(detectLanguage('# Задачи\n\nСписок задач проекта и их статус по этапам разработки')).toBe('ru');
    expect(detectLanguage('# 任务列表\n\n这是项目的任务列表，包含所有正在进行的工作和已完成的工作。')).toBe('zh');
    expect(detectLanguage('# タスク\n\nこれはプロジェクトのタスク一覧です。すべての作業をここに書きます。')).toBe('ja');
    expect(detectLanguage('# Tâches\n\nLa liste des tâches pour le projet, avec les étapes et le statut de chaque tâche.')).toBe('fr');
    expect(detectLanguage('# Aufgaben\n\nDie Liste der Aufgaben für das Projekt und der Status ist nicht fertig.')).toBe('de');
    expect(detectLanguage('# Tareas\n\nLa lista de las tareas para el proyecto con el estado del trabajo.')).toBe('es');
    expect(detectLanguage('# Tasks\n\nThe list of tasks for the project and the status of each.')).toBe('en');
    expect(detectLanguage('# Tarefas\n\nA lista das tarefas do projeto, com o estado de cada uma e os passos que não foram feitos.')).toBe('pt');
    expect(detectLanguage('# Attività\n\nIl elenco delle attività del progetto, con lo stato di ogni attività che non è finita.')).toBe('it');
    expect(detectLanguage('# Taken\n\nDe lijst van taken voor het project, met de status van elke taak die niet klaar is.')).toBe('nl');
    expect(detectLanguage('# 작업 목록\n\n프로젝트의 작업 목록입니다. 진행 중인 작업과 완료된 작업을 모두 적습니다.')).toBe('ko');
    expect(detectLanguage('# Zadania\n\nLista zadań dla projektu oraz ich stan, który jeszcze nie jest gotowy do wydania.')).toBe('pl');
    expect(detectLanguage('# Görevler\n\nBu proje için görevlerin listesi ve her birinin durumu, daha bitmemiş olan işler ile birlikte.')).toBe('tr');
    expect(detectLanguage('# Nhiệm vụ\n\nDanh sách các nhiệm vụ của dự án và trạng thái của những việc không được hoàn thành.')).toBe('vi');
    expect(detectLanguage('# Tugas\n\nDaftar tugas untuk proyek ini dan status dari pekerjaan yang tidak akan selesai.')).toBe('id');
    expect(detectLanguage('# Úkoly\n\nSeznam úkolů pro projekt a jejich stav, který ještě není hotový, nebo také ne.')).toBe('cs');
    expect(detectLanguage('# Uppgifter\n\nListan med uppgifter för projektet och status för det som inte är klart.')).toBe('sv');
    expect(detectLanguage('# Завдання\n\nСписок завдань проєкту та їх статус на кожному етапі розробки, які ще не виконані.')).toBe('uk');
    expect(detectLanguage('# Tasks\n\nAdd a test for a parser and a flag to do it by hand.')).toBe('en');
  });

  it('tells Danish, Norwegian, Finnish, Hungarian and Romanian by their common words, and Swedish from both Nordic neighbours', () => {
    expect(detectLanguage('# Opgaver\n\nSøgningen skal være hurtig, og den skal virke for alle brugere, også efter opdateringen.')).toBe('da');
    expect(detectLanguage('# Oppgaver\n\nSøket skal være raskt, og det skal fungere for alle brukere etter oppdateringen.')).toBe('nb');
    expect(detectLanguage('# Tehtävät\n\nTämä on lista tehtävistä, jotka ovat kesken tai valmiita, ja se päivitetään myös viikoittain.')).toBe('fi');
    expect(detectLanguage('# Feladatok\n\nA keresésnek gyorsnak kell lennie, és minden felhasználó számára működnie kell.')).toBe('hu');
    expect(detectLanguage('# Sarcini\n\nCăutarea trebuie să fie rapidă și să funcționeze pentru toți utilizatorii sistemului.')).toBe('ro');
    expect(detectLanguage('# Uppgifter\n\nListan med uppgifter för projektet och status för det som inte är klart.')).toBe('sv');
  });

  it('reads a table of statuses without prose by its status words', () => {
    expect(detectLanguage('# Edistyminen\n\n| Tehtävä | Tila |\n|---|---|\n| Kirjautumissivu | Valmis |\n| Haku | Kesken |')).toBe('fi');
    expect(detectLanguage('# Uppgifter\n\n| Uppgift | Status |\n|---|---|\n| Inloggning | Klart |\n| Sökning | Pågår |')).toBe('sv');
    expect(detectLanguage('# Tasks\n\n| Task | Status |\n|---|---|\n| Login | Done |\n| Search | In progress |')).toBe('en');
  });

  it('tells Bulgarian and Serbian from Russian by their letters, and Croatian, Slovak and Slovenian by their words', () => {
    expect(detectLanguage('# Задачи\n\nПотребителят иска бързо търсене във всички бележки, включително в архива, който вече е голям.')).toBe('bg');
    expect(detectLanguage('# Задаци\n\nКорисник жели брзу претрагу која ради за све кориснике и за стари архив.')).toBe('sr');
    expect(detectLanguage('# Задачи\n\nПользователь хочет быстрый поиск по всем заметкам, включая архив, который уже большой.')).toBe('ru');
    expect(detectLanguage('# Zadaci\n\nKorisnik treba izvoz koji je brz i koji radi za sve korisnike, također i za stare račune.')).toBe('hr');
    expect(detectLanguage('# Úlohy\n\nPoužívateľ chce export, ktorý je rýchly, a tiež export pre staré účty, ktoré sú už archivované.')).toBe('sk');
    expect(detectLanguage('# Naloge\n\nUporabnik želi iskanje, ki je hitro, in tudi iskanje po arhivu, ker je arhiv velik.')).toBe('sl');
    expect(detectLanguage('# Úkoly\n\nUživatel chce export, který je rychlý, a také export pro staré účty, které jsou již archivované.')).toBe('cs');
  });

  it('names Greek, Hebrew, Arabic, Persian, Urdu, Hindi and Thai by their script', () => {
    expect(detectLanguage('# Εργασίες\n\nΗ αναζήτηση πρέπει να είναι γρήγορη για όλους τους χρήστες.')).toBe('el');
    expect(detectLanguage('# משימות\n\nהחיפוש צריך להיות מהיר ולעבוד עבור כל המשתמשים.')).toBe('he');
    expect(detectLanguage('# المهام\n\nيجب أن يعرض التقرير جميع بيانات المستخدمين بشكل صحيح.')).toBe('ar');
    // Persian and Urdu write Arabic's script: each by its own letters.
    expect(detectLanguage('# وظایف\n\nکاربر می‌خواهد گزارش ماهانه را با یک کلیک از سیستم بگیرد.')).toBe('fa');
    expect(detectLanguage('# کام\n\nصارف چاہتا ہے کہ رپورٹ ایک کلک میں تیار ہو جائے۔')).toBe('ur');
    expect(detectLanguage('# कार्य\n\nरिपोर्ट में सभी उपयोगकर्ताओं का डेटा सही तरीके से दिखाया जाना चाहिए।')).toBe('hi');
    expect(detectLanguage('# งาน\n\nรายงานต้องแสดงข้อมูลทั้งหมดของผู้ใช้ในระบบนี้อย่างถูกต้อง')).toBe('th');
  });
});

describe('writesDayFirst', () => {
  it('is true for the languages that write the day first, false for English, Chinese, Japanese and Korean', () => {
    expect(writesDayFirst('# Tâches\n\nLa liste des tâches pour le projet, avec les étapes.')).toBe(true);
    expect(writesDayFirst('# Aufgaben\n\nDie Liste der Aufgaben für das Projekt.')).toBe(true);
    expect(writesDayFirst('# Задачи\n\nСписок задач проекта и их статус по этапам разработки')).toBe(true);
    expect(writesDayFirst('# Tehtävät\n\nTämä on lista tehtävistä, jotka ovat kesken tai valmiita, ja se päivitetään myös.')).toBe(true);
    expect(writesDayFirst('# Εργασίες\n\nΗ αναζήτηση πρέπει να είναι γρήγορη για όλους τους χρήστες.')).toBe(true);
    expect(writesDayFirst('# משימות\n\nהחיפוש צריך להיות מהיר ולעבוד עבור כל המשתמשים.')).toBe(true);
    expect(writesDayFirst('# Tasks\n\nThe list of tasks for the project and the status of each.')).toBe(false);
    expect(writesDayFirst('# 任务列表\n\n这是项目的任务列表，包含所有正在进行的工作和已完成的工作。')).toBe(false);
    expect(writesDayFirst('# タスク\n\nこれはプロジェクトのタスク一覧です。すべての作業をここに書きます。')).toBe(false);
  });
});
