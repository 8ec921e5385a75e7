BEGIN TRANSACTION;
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    report_title TEXT NOT NULL DEFAULT '',
    presenter TEXT NOT NULL DEFAULT '',
    speakers TEXT NOT NULL DEFAULT '',
    discussion TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO "agenda_items" VALUES(1,2,1,'审议总经理工作报告','公司2025年工作报告','总经理 周明','职工57、职工25、职工33','代表们分组进行了认真讨论。职工57代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工25代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工33代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(2,2,2,'审议财务工作报告','2025年财务预决算报告','财务总监 孙丽','职工36、职工26、职工33','代表们分组进行了认真讨论。职工36代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工26代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工33代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(3,2,3,'审议集体合同履行情况报告','集体合同履行情况报告','工会主席','职工57、职工27、职工20','代表们分组进行了认真讨论。职工57代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工27代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工20代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(4,2,4,'听取职工代表提案落实情况报告','上次会议提案落实情况报告','提案工作委员会','职工41、职工55、职工05','代表们分组进行了认真讨论。职工41代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工55代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工05代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(5,2,5,'审议业务招待费使用情况','业务招待费使用情况报告','行政办公室','职工13、职工17、职工26','代表们分组进行了认真讨论。职工13代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工17代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工26代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(6,2,6,'审议职工薪酬调整方案','职工薪酬调整方案（草案）','人力资源部','职工09、职工52、职工25','代表们分组进行了认真讨论。职工09代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工52代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工25代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(7,2,7,'审议安全生产工作报告','安全生产工作报告','安全环保部','职工32、职工09、职工48','代表们分组进行了认真讨论。职工32代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工09代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工48代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(8,2,8,'审议职工培训计划','年度职工教育培训计划','人力资源部','职工41、职工14、职工15','代表们分组进行了认真讨论。职工41代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工14代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工15代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(9,2,9,'审议《员工奖惩办法》修订稿','员工奖惩办法（修订稿）','人力资源部','职工04、职工27、职工44','代表们分组进行了认真讨论。职工04代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工27代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工44代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(10,2,10,'民主评议公司领导人员','领导人员述职报告','公司领导班子','职工02、职工14、职工01','代表们分组进行了认真讨论。职工02代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工14代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工01代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(11,2,11,'选举经费审查委员会委员','','大会主席团','职工41、职工56、职工07','代表们分组进行了认真讨论。职工41代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工56代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工07代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(12,2,12,'审议大会决议','大会决议（草案）','大会秘书处','职工27、职工57、职工13','代表们分组进行了认真讨论。职工27代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；建议进一步加强一线班组建设，完善职工技能提升的激励机制。职工57代表提出，夜班职工的用餐、通勤问题仍较突出，希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。职工13代表就报告中关于设备更新改造的部分发表意见，认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。','2026-11-25T09:10:30');
INSERT INTO "agenda_items" VALUES(13,1,1,'审议公司年度工作报告','年度工作报告','','职工03','代表们一致认为报告内容翔实。','2026-11-25T09:10:30');
CREATE TABLE aid_case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    end_date TEXT,
    people TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE aid_cases (
    id INTEGER PRIMARY KEY,
    file_no TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members (id),
    worker_name TEXT NOT NULL CHECK (worker_name <> ''),
    worker_id_number TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    work_status TEXT NOT NULL DEFAULT 'employed',
    model_worker TEXT NOT NULL DEFAULT 'none',
    marriage TEXT NOT NULL DEFAULT '',
    is_single_parent INTEGER NOT NULL DEFAULT 0,
    is_zero_employment INTEGER NOT NULL DEFAULT 0,
    housing_type TEXT NOT NULL DEFAULT '',
    housing_area REAL,
    address TEXT NOT NULL DEFAULT '',
    bank_name TEXT NOT NULL DEFAULT '',
    bank_account TEXT NOT NULL DEFAULT '',
    main_cause TEXT NOT NULL,
    secondary_causes TEXT NOT NULL DEFAULT '[]',
    hardship_spending_fen INTEGER NOT NULL DEFAULT 0 CHECK (hardship_spending_fen >= 0),
    suggested_tier TEXT,
    tier TEXT,
    tier_reason TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'applied',
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    close_reason TEXT,
    close_measure TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE aid_household (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    name TEXT NOT NULL CHECK (name <> ''),
    relation TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    id_number TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT 'good',
    occupation TEXT NOT NULL DEFAULT '',
    monthly_income_fen INTEGER NOT NULL DEFAULT 0 CHECK (monthly_income_fen >= 0),
    medical_insurance TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE TABLE aid_payments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    round_id INTEGER REFERENCES aid_rounds (id),
    aid_type TEXT NOT NULL,
    date TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    funding_source TEXT NOT NULL,
    approved_by TEXT NOT NULL DEFAULT '',
    signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    student_name TEXT NOT NULL DEFAULT '',
    student_school TEXT NOT NULL DEFAULT '',
    student_grade TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE TABLE aid_rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    aid_type TEXT NOT NULL,
    date TEXT NOT NULL,
    notice_start TEXT,
    notice_end TEXT,
    contact TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (notice_end IS NULL OR notice_start IS NULL OR notice_end >= notice_start)
);
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'void')),
    before TEXT,
    after TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE congress_sessions (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES congress_terms (id),
    number INTEGER NOT NULL CHECK (number > 0),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'regular',
    host TEXT NOT NULL DEFAULT '',
    recorder TEXT NOT NULL DEFAULT '',
    executive_chair TEXT NOT NULL DEFAULT '',
    nonvoting TEXT NOT NULL DEFAULT '',
    opening TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    UNIQUE (term_id, number)
);
INSERT INTO "congress_sessions" VALUES(1,1,1,'2024-03-21','09:00','11:30','公司办公楼三楼会议室','regular','工会主席','工会干事','','','大会执行主席宣布会议开始，全体起立，奏国歌。','会议在《国际歌》声中闭幕。','','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "congress_sessions" VALUES(2,1,2,'2025-12-06','08:30','12:00','公司职工活动中心','regular','工会主席','工会干事','王建国','公司领导班子成员、各部门负责人','大会执行主席王建国宣布会议开始，报告代表出席情况。','执行主席作大会总结讲话，宣布大会胜利闭幕。','','2026-11-25T09:10:30',NULL,NULL);
CREATE TABLE congress_terms (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number > 0),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    delegate_quota INTEGER NOT NULL DEFAULT 0 CHECK (delegate_quota >= 0),
    is_assembly INTEGER NOT NULL DEFAULT 0 CHECK (is_assembly IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (end_date > start_date)
);
INSERT INTO "congress_terms" VALUES(1,3,'2024-03-01','2029-02-28',40,0,'','2026-11-25T09:10:30');
CREATE TABLE delegates (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES congress_terms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    group_name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    start_date TEXT NOT NULL,
    start_how TEXT NOT NULL DEFAULT 'elected',
    end_date TEXT,
    end_how TEXT,
    end_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (term_id, member_id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
INSERT INTO "delegates" VALUES(1,1,21,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(2,1,10,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(3,1,26,'第三代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(4,1,42,'第四代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(5,1,4,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(6,1,5,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(7,1,53,'第三代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(8,1,35,'第四代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(9,1,7,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(10,1,24,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(11,1,38,'第三代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(12,1,56,'第四代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(13,1,33,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(14,1,14,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(15,1,3,'第三代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(16,1,6,'第四代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(17,1,28,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(18,1,27,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(19,1,55,'第三代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(20,1,16,'第四代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(21,1,45,'第一代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(22,1,36,'第二代表团','frontline','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(23,1,44,'第三代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(24,1,49,'第四代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(25,1,8,'第一代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(26,1,15,'第二代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(27,1,37,'第三代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(28,1,58,'第四代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(29,1,34,'第一代表团','technical','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(30,1,39,'第二代表团','management','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(31,1,2,'第三代表团','management','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(32,1,18,'第四代表团','management','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(33,1,50,'第一代表团','management','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(34,1,57,'第二代表团','management','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(35,1,59,'第三代表团','leader','2024-03-01','elected',NULL,NULL,'','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(36,1,47,'第四代表团','leader','2024-03-01','elected','2024-12-26','transferred','调往外地分公司','2026-11-25T09:10:30');
INSERT INTO "delegates" VALUES(37,1,43,'第四代表团','frontline','2025-01-15','by_election',NULL,NULL,'','2026-11-25T09:10:30');
CREATE TABLE dues_payments (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    period TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    wage_fen INTEGER CHECK (wage_fen IS NULL OR wage_fen >= 0),
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE TABLE election_candidates (
    id INTEGER PRIMARY KEY,
    resolution_id INTEGER NOT NULL REFERENCES resolutions (id),
    name TEXT NOT NULL CHECK (name <> ''),
    member_id INTEGER REFERENCES members (id),
    votes_for INTEGER,
    created_at TEXT NOT NULL
);
INSERT INTO "election_candidates" VALUES(1,4,'刘建华',NULL,32,'2026-11-25T09:10:30');
INSERT INTO "election_candidates" VALUES(2,4,'陈晓燕',NULL,29,'2026-11-25T09:10:30');
INSERT INTO "election_candidates" VALUES(3,4,'赵志强',NULL,26,'2026-11-25T09:10:30');
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    name_pinyin TEXT NOT NULL DEFAULT '',
    name_initials TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    id_type TEXT NOT NULL DEFAULT 'ric',
    id_number TEXT,
    phone TEXT NOT NULL DEFAULT '',
    political_status TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    skill_level TEXT NOT NULL DEFAULT '',
    hukou_type TEXT NOT NULL DEFAULT '',
    hukou_place TEXT NOT NULL DEFAULT '',
    native_place TEXT NOT NULL DEFAULT '',
    is_migrant_worker INTEGER NOT NULL DEFAULT 0 CHECK (is_migrant_worker IN (0, 1)),
    is_dispatched INTEGER NOT NULL DEFAULT 0 CHECK (is_dispatched IN (0, 1)),
    employment_status TEXT NOT NULL DEFAULT 'employed',
    workplace TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    post TEXT NOT NULL DEFAULT '',
    employee_no TEXT NOT NULL DEFAULT '',
    join_date TEXT NOT NULL DEFAULT '',
    card_number TEXT NOT NULL DEFAULT '',
    member_no TEXT NOT NULL DEFAULT '',
    monthly_wage_fen INTEGER CHECK (monthly_wage_fen IS NULL OR monthly_wage_fen >= 0),
    note TEXT NOT NULL DEFAULT '',
    status TEXT,  -- derived: set by triggers from membership_events, never by hand
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO "members" VALUES(1,'职工00','zhigong00','zg00','2','01','1985-03-14','ric','110105198503140021','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工00 zg00 110105198503140021','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(2,'职工01','zhigong01','zg01','1','01','1985-03-14','ric','110105198503140056','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工01 zg01 110105198503140056','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(3,'职工02','zhigong02','zg02','1','01','1985-03-14','ric','110105198503140072','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工02 zg02 110105198503140072','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(4,'职工03','zhigong03','zg03','2','01','1985-03-14','ric','110105198503140080','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工03 zg03 110105198503140080','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(5,'职工04','zhigong04','zg04','1','01','1985-03-14','ric','11010519850314011X','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工04 zg04 11010519850314011x','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(6,'职工05','zhigong05','zg05','1','01','1985-03-14','ric','110105198503140136','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工05 zg05 110105198503140136','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(7,'职工06','zhigong06','zg06','2','01','1985-03-14','ric','110105198503140144','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工06 zg06 110105198503140144','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(8,'职工07','zhigong07','zg07','1','01','1985-03-14','ric','110105198503140179','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工07 zg07 110105198503140179','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(9,'职工08','zhigong08','zg08','1','01','1985-03-14','ric','110105198503140195','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工08 zg08 110105198503140195','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(10,'职工09','zhigong09','zg09','2','01','1985-03-14','ric','110105198503140208','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工09 zg09 110105198503140208','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(11,'职工10','zhigong10','zg10','1','01','1985-03-14','ric','110105198503140232','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工10 zg10 110105198503140232','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(12,'职工11','zhigong11','zg11','1','01','1985-03-14','ric','110105198503140259','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工11 zg11 110105198503140259','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(13,'职工12','zhigong12','zg12','2','01','1985-03-14','ric','110105198503140267','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工12 zg12 110105198503140267','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(14,'职工13','zhigong13','zg13','1','01','1985-03-14','ric','110105198503140291','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工13 zg13 110105198503140291','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(15,'职工14','zhigong14','zg14','1','01','1985-03-14','ric','110105198503140312','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工14 zg14 110105198503140312','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(16,'职工15','zhigong15','zg15','2','01','1985-03-14','ric','110105198503140320','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工15 zg15 110105198503140320','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(17,'职工16','zhigong16','zg16','1','01','1985-03-14','ric','110105198503140355','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工16 zg16 110105198503140355','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(18,'职工17','zhigong17','zg17','1','01','1985-03-14','ric','110105198503140371','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工17 zg17 110105198503140371','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(19,'职工18','zhigong18','zg18','2','01','1985-03-14','ric','11010519850314038X','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工18 zg18 11010519850314038x','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(20,'职工19','zhigong19','zg19','1','01','1985-03-14','ric','110105198503140419','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工19 zg19 110105198503140419','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(21,'职工20','zhigong20','zg20','1','01','1985-03-14','ric','110105198503140435','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工20 zg20 110105198503140435','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(22,'职工21','zhigong21','zg21','2','01','1985-03-14','ric','110105198503140443','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工21 zg21 110105198503140443','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(23,'职工22','zhigong22','zg22','1','01','1985-03-14','ric','110105198503140478','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工22 zg22 110105198503140478','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(24,'职工23','zhigong23','zg23','1','01','1985-03-14','ric','110105198503140494','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工23 zg23 110105198503140494','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(25,'职工24','zhigong24','zg24','2','01','1985-03-14','ric','110105198503140507','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工24 zg24 110105198503140507','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(26,'职工25','zhigong25','zg25','1','01','1985-03-14','ric','110105198503140531','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工25 zg25 110105198503140531','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(27,'职工26','zhigong26','zg26','1','01','1985-03-14','ric','110105198503140558','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工26 zg26 110105198503140558','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(28,'职工27','zhigong27','zg27','2','01','1985-03-14','ric','110105198503140566','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工27 zg27 110105198503140566','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(29,'职工28','zhigong28','zg28','1','01','1985-03-14','ric','110105198503140590','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工28 zg28 110105198503140590','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(30,'职工29','zhigong29','zg29','1','01','1985-03-14','ric','110105198503140611','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工29 zg29 110105198503140611','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(31,'职工30','zhigong30','zg30','2','01','1985-03-14','ric','11010519850314062X','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工30 zg30 11010519850314062x','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(32,'职工31','zhigong31','zg31','1','01','1985-03-14','ric','110105198503140654','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工31 zg31 110105198503140654','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(33,'职工32','zhigong32','zg32','1','01','1985-03-14','ric','110105198503140670','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工32 zg32 110105198503140670','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(34,'职工33','zhigong33','zg33','2','01','1985-03-14','ric','110105198503140689','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工33 zg33 110105198503140689','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(35,'职工34','zhigong34','zg34','1','01','1985-03-14','ric','110105198503140718','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工34 zg34 110105198503140718','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(36,'职工35','zhigong35','zg35','1','01','1985-03-14','ric','110105198503140734','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工35 zg35 110105198503140734','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(37,'职工36','zhigong36','zg36','2','01','1985-03-14','ric','110105198503140742','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工36 zg36 110105198503140742','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(38,'职工37','zhigong37','zg37','1','01','1985-03-14','ric','110105198503140777','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工37 zg37 110105198503140777','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(39,'职工38','zhigong38','zg38','1','01','1985-03-14','ric','110105198503140793','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工38 zg38 110105198503140793','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(40,'职工39','zhigong39','zg39','2','01','1985-03-14','ric','110105198503140806','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工39 zg39 110105198503140806','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(41,'职工40','zhigong40','zg40','1','01','1985-03-14','ric','110105198503140830','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工40 zg40 110105198503140830','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(42,'职工41','zhigong41','zg41','1','01','1985-03-14','ric','110105198503140857','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工41 zg41 110105198503140857','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(43,'职工42','zhigong42','zg42','2','01','1985-03-14','ric','110105198503140865','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工42 zg42 110105198503140865','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(44,'职工43','zhigong43','zg43','1','01','1985-03-14','ric','11010519850314089X','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工43 zg43 11010519850314089x','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(45,'职工44','zhigong44','zg44','1','01','1985-03-14','ric','110105198503140910','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工44 zg44 110105198503140910','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(46,'职工45','zhigong45','zg45','2','01','1985-03-14','ric','110105198503140929','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工45 zg45 110105198503140929','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(47,'职工46','zhigong46','zg46','1','01','1985-03-14','ric','110105198503140953','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工46 zg46 110105198503140953','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(48,'职工47','zhigong47','zg47','1','01','1985-03-14','ric','11010519850314097X','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工47 zg47 11010519850314097x','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(49,'职工48','zhigong48','zg48','2','01','1985-03-14','ric','110105198503140988','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工48 zg48 110105198503140988','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(50,'职工49','zhigong49','zg49','1','01','1985-03-14','ric','110105198503141016','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工49 zg49 110105198503141016','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(51,'职工50','zhigong50','zg50','1','01','1985-03-14','ric','110105198503141032','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工50 zg50 110105198503141032','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(52,'职工51','zhigong51','zg51','2','01','1985-03-14','ric','110105198503141040','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工51 zg51 110105198503141040','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(53,'职工52','zhigong52','zg52','1','01','1985-03-14','ric','110105198503141075','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工52 zg52 110105198503141075','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(54,'职工53','zhigong53','zg53','1','01','1985-03-14','ric','110105198503141091','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工53 zg53 110105198503141091','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(55,'职工54','zhigong54','zg54','2','01','1985-03-14','ric','110105198503141104','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工54 zg54 110105198503141104','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(56,'职工55','zhigong55','zg55','1','01','1985-03-14','ric','110105198503141139','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工55 zg55 110105198503141139','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(57,'职工56','zhigong56','zg56','1','01','1985-03-14','ric','110105198503141155','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工56 zg56 110105198503141155','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(58,'职工57','zhigong57','zg57','2','01','1985-03-14','ric','110105198503141163','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工57 zg57 110105198503141163','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(59,'职工58','zhigong58','zg58','1','01','1985-03-14','ric','110105198503141198','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工58 zg58 110105198503141198','2026-11-25T09:10:30','2026-11-25T09:10:30');
INSERT INTO "members" VALUES(60,'职工59','zhigong59','zg59','1','01','1985-03-14','ric','110105198503141219','','13','','','','','',0,0,'employed','','生产部','','','2010-05-01','','',NULL,'','active','职工59 zg59 110105198503141219','2026-11-25T09:10:30','2026-11-25T09:10:30');
CREATE TABLE membership_events (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    other_union TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
INSERT INTO "membership_events" VALUES(1,1,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(2,2,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(3,3,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(4,4,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(5,5,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(6,6,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(7,7,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(8,8,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(9,9,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(10,10,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(11,11,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(12,12,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(13,13,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(14,14,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(15,15,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(16,16,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(17,17,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(18,18,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(19,19,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(20,20,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(21,21,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(22,22,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(23,23,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(24,24,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(25,25,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(26,26,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(27,27,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(28,28,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(29,29,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(30,30,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(31,31,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(32,32,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(33,33,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(34,34,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(35,35,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(36,36,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(37,37,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(38,38,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(39,39,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(40,40,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(41,41,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(42,42,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(43,43,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(44,44,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(45,45,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(46,46,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(47,47,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(48,48,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(49,49,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(50,50,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(51,51,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(52,52,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(53,53,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(54,54,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(55,55,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(56,56,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(57,57,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(58,58,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(59,59,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "membership_events" VALUES(60,60,'join','2010-05-01','','','新增会员','2026-11-25T09:10:30',NULL,NULL);
CREATE TABLE org_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    union_name TEXT NOT NULL DEFAULT '',
    unit_name TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    unit_nature TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    vice_chair TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    parent_union TEXT NOT NULL DEFAULT '',
    founded_on TEXT NOT NULL DEFAULT '',
    workers_total INTEGER NOT NULL DEFAULT 0 CHECK (workers_total >= 0),
    workers_female INTEGER NOT NULL DEFAULT 0 CHECK (workers_female >= 0),
    workers_migrant INTEGER NOT NULL DEFAULT 0 CHECK (workers_migrant >= 0),
    workers_dispatched INTEGER NOT NULL DEFAULT 0 CHECK (workers_dispatched >= 0),
    min_living_fen INTEGER NOT NULL DEFAULT 0 CHECK (min_living_fen >= 0)
);
INSERT INTO "org_profile" VALUES(1,'示例机械制造有限公司工会委员会','','','','','','','','','','',0,0,0,0,0);
CREATE TABLE proposal_cosigners (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    delegate_id INTEGER NOT NULL REFERENCES delegates (id),
    UNIQUE (proposal_id, delegate_id)
);
INSERT INTO "proposal_cosigners" VALUES(1,1,4);
INSERT INTO "proposal_cosigners" VALUES(2,1,32);
INSERT INTO "proposal_cosigners" VALUES(3,2,13);
INSERT INTO "proposal_cosigners" VALUES(4,2,35);
INSERT INTO "proposal_cosigners" VALUES(5,3,17);
INSERT INTO "proposal_cosigners" VALUES(6,3,1);
INSERT INTO "proposal_cosigners" VALUES(7,4,20);
INSERT INTO "proposal_cosigners" VALUES(8,4,6);
INSERT INTO "proposal_cosigners" VALUES(9,5,10);
INSERT INTO "proposal_cosigners" VALUES(10,5,9);
INSERT INTO "proposal_cosigners" VALUES(11,6,10);
INSERT INTO "proposal_cosigners" VALUES(12,6,15);
INSERT INTO "proposal_cosigners" VALUES(13,7,4);
INSERT INTO "proposal_cosigners" VALUES(14,7,1);
INSERT INTO "proposal_cosigners" VALUES(15,8,6);
INSERT INTO "proposal_cosigners" VALUES(16,8,33);
INSERT INTO "proposal_cosigners" VALUES(17,9,30);
INSERT INTO "proposal_cosigners" VALUES(18,9,4);
CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO "proposal_events" VALUES(1,1,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(2,2,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(3,2,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(4,3,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(5,3,'reject','submitted','rejected','2025-12-07','属于个人诉求，不符合一事一案要求','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(6,4,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(7,4,'convert','submitted','converted','2025-12-07','作为意见建议转相关部门研究','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(8,5,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(9,5,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(10,5,'assign','accepted','assigned','2025-12-08','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(11,6,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(12,6,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(13,6,'assign','accepted','assigned','2025-12-08','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(14,6,'reply','assigned','replied','2025-12-21','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(15,7,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(16,7,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(17,7,'assign','accepted','assigned','2025-12-08','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(18,7,'reply','assigned','replied','2025-12-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(19,7,'rate','replied','rated','2025-12-18','满意','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(20,8,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(21,8,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(22,8,'assign','accepted','assigned','2025-12-08','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(23,8,'reply','assigned','replied','2025-12-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(24,8,'rate','replied','rated','2025-12-18','基本满意','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(25,8,'close','rated','closed','2025-12-20','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(26,9,'submit',NULL,'submitted','2025-11-16','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(27,9,'accept','submitted','accepted','2025-12-07','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(28,9,'assign','accepted','assigned','2025-12-08','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(29,9,'reply','assigned','replied','2025-12-14','','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(30,9,'rate','replied','rated','2025-12-15','不满意','2026-11-25T09:10:30');
INSERT INTO "proposal_events" VALUES(31,9,'reopen','rated','assigned','2025-12-16','','2026-11-25T09:10:30');
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    number TEXT NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    proposer_id INTEGER NOT NULL REFERENCES delegates (id),
    category TEXT NOT NULL DEFAULT 'other',
    content TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    submitted_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'submitted',
    review_note TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    reply TEXT NOT NULL DEFAULT '',
    replied_on TEXT,
    replied_by TEXT NOT NULL DEFAULT '',
    rating TEXT,
    reopened INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, number)
);
INSERT INTO "proposals" VALUES(1,2,'2025-01','关于改善职工食堂伙食质量的提案',10,'welfare','改善职工食堂伙食质量。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','submitted','','',NULL,'',NULL,'',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(2,2,'2025-02','关于增设夜班通勤班车的提案',17,'welfare','增设夜班通勤班车。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','accepted','','',NULL,'',NULL,'',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(3,2,'2025-03','关于完善一线岗位技能津贴的提案',8,'wages','完善一线岗位技能津贴。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','rejected','属于个人诉求，不符合一事一案要求','',NULL,'',NULL,'',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(4,2,'2025-04','关于加强车间通风降温设施的提案',2,'safety','加强车间通风降温设施。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','converted','作为意见建议转相关部门研究','',NULL,'',NULL,'',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(5,2,'2025-05','关于建立青年职工导师制度的提案',22,'training','建立青年职工导师制度。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','assigned','','后勤保障部','2025-12-26','',NULL,'',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(6,2,'2025-06','关于规范加班审批程序的提案',32,'management','规范加班审批程序。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','replied','','人力资源部','2025-12-31','已制定方案，下月起实施。','2025-12-21','人力资源部 李华',NULL,0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(7,2,'2025-07','关于开展职工健康体检的提案',21,'welfare','开展职工健康体检。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','rated','','安全环保部','2025-12-26','已加装通风设备12台。','2025-12-16','安全环保部 张强','satisfied',0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(8,2,'2025-08','关于优化绩效考核办法的提案',11,'management','优化绩效考核办法。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','closed','','人力资源部','2025-12-26','已修订考核办法。','2025-12-16','人力资源部','basically',0,'2026-11-25T09:10:30');
INSERT INTO "proposals" VALUES(9,2,'2025-09','关于增设职工书屋的提案',7,'other','增设职工书屋。','广大职工反映强烈，事关职工切身利益。','建议相关部门深入调研，制定切实可行的方案，并明确完成时限。','2025-11-16','assigned','','行政办公室','2026-01-05','',NULL,'',NULL,1,'2026-11-25T09:10:30');
CREATE TABLE resolution_votes (
    id INTEGER PRIMARY KEY,
    resolution_id INTEGER NOT NULL REFERENCES resolutions (id),
    yes INTEGER NOT NULL CHECK (yes >= 0),
    no INTEGER NOT NULL CHECK (no >= 0),
    abstain INTEGER NOT NULL CHECK (abstain >= 0),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
INSERT INTO "resolution_votes" VALUES(1,1,30,1,1,'2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolution_votes" VALUES(2,2,30,1,1,'2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolution_votes" VALUES(3,3,28,3,1,'2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolution_votes" VALUES(4,5,29,2,1,'2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolution_votes" VALUES(5,6,30,1,1,'2026-11-25T09:10:30',NULL,NULL);
CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    kind TEXT NOT NULL DEFAULT 'resolution',
    title TEXT NOT NULL CHECK (title <> ''),
    text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
INSERT INTO "resolutions" VALUES(1,2,3,'resolution','关于集体合同履行情况报告的决议','大会同意集体合同履行情况报告。','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolutions" VALUES(2,2,6,'resolution','关于职工薪酬调整方案的决议','大会同意职工薪酬调整方案。','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolutions" VALUES(3,2,9,'resolution','关于《员工奖惩办法》修订稿的决议','大会同意《员工奖惩办法》修订稿。','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolutions" VALUES(4,2,11,'election','选举经费审查委员会委员','','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolutions" VALUES(5,2,12,'resolution','关于大会决议的决议','大会同意大会决议。','2026-11-25T09:10:30',NULL,NULL);
INSERT INTO "resolutions" VALUES(6,1,NULL,'resolution','关于年度工作报告的决议','','2026-11-25T09:10:30',NULL,NULL);
CREATE TABLE session_attendance (
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    delegate_id INTEGER NOT NULL REFERENCES delegates (id),
    status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    reason TEXT NOT NULL DEFAULT '',
    id INTEGER PRIMARY KEY,
    UNIQUE (session_id, delegate_id)
);
INSERT INTO "session_attendance" VALUES(1,5,'present','',1);
INSERT INTO "session_attendance" VALUES(1,9,'present','',2);
INSERT INTO "session_attendance" VALUES(1,25,'present','',3);
INSERT INTO "session_attendance" VALUES(1,1,'leave','事假',4);
INSERT INTO "session_attendance" VALUES(1,17,'present','',5);
INSERT INTO "session_attendance" VALUES(1,13,'absent','',6);
INSERT INTO "session_attendance" VALUES(1,29,'present','',7);
INSERT INTO "session_attendance" VALUES(1,21,'present','',8);
INSERT INTO "session_attendance" VALUES(1,33,'present','',9);
INSERT INTO "session_attendance" VALUES(1,31,'present','',10);
INSERT INTO "session_attendance" VALUES(1,15,'present','',11);
INSERT INTO "session_attendance" VALUES(1,3,'present','',12);
INSERT INTO "session_attendance" VALUES(1,27,'present','',13);
INSERT INTO "session_attendance" VALUES(1,11,'present','',14);
INSERT INTO "session_attendance" VALUES(1,23,'present','',15);
INSERT INTO "session_attendance" VALUES(1,7,'present','',16);
INSERT INTO "session_attendance" VALUES(1,19,'present','',17);
INSERT INTO "session_attendance" VALUES(1,35,'present','',18);
INSERT INTO "session_attendance" VALUES(1,6,'present','',19);
INSERT INTO "session_attendance" VALUES(1,2,'present','',20);
INSERT INTO "session_attendance" VALUES(1,14,'leave','病假',21);
INSERT INTO "session_attendance" VALUES(1,26,'present','',22);
INSERT INTO "session_attendance" VALUES(1,10,'present','',23);
INSERT INTO "session_attendance" VALUES(1,18,'present','',24);
INSERT INTO "session_attendance" VALUES(1,22,'absent','',25);
INSERT INTO "session_attendance" VALUES(1,30,'present','',26);
INSERT INTO "session_attendance" VALUES(1,34,'present','',27);
INSERT INTO "session_attendance" VALUES(1,16,'present','',28);
INSERT INTO "session_attendance" VALUES(1,20,'present','',29);
INSERT INTO "session_attendance" VALUES(1,32,'present','',30);
INSERT INTO "session_attendance" VALUES(1,8,'present','',31);
INSERT INTO "session_attendance" VALUES(1,4,'present','',32);
INSERT INTO "session_attendance" VALUES(1,36,'present','',33);
INSERT INTO "session_attendance" VALUES(1,24,'present','',34);
INSERT INTO "session_attendance" VALUES(1,12,'present','',35);
INSERT INTO "session_attendance" VALUES(1,28,'present','',36);
INSERT INTO "session_attendance" VALUES(2,5,'present','',37);
INSERT INTO "session_attendance" VALUES(2,9,'present','',38);
INSERT INTO "session_attendance" VALUES(2,25,'present','',39);
INSERT INTO "session_attendance" VALUES(2,1,'leave','事假',40);
INSERT INTO "session_attendance" VALUES(2,17,'present','',41);
INSERT INTO "session_attendance" VALUES(2,13,'absent','',42);
INSERT INTO "session_attendance" VALUES(2,29,'present','',43);
INSERT INTO "session_attendance" VALUES(2,21,'present','',44);
INSERT INTO "session_attendance" VALUES(2,33,'present','',45);
INSERT INTO "session_attendance" VALUES(2,31,'present','',46);
INSERT INTO "session_attendance" VALUES(2,15,'present','',47);
INSERT INTO "session_attendance" VALUES(2,3,'present','',48);
INSERT INTO "session_attendance" VALUES(2,27,'present','',49);
INSERT INTO "session_attendance" VALUES(2,11,'present','',50);
INSERT INTO "session_attendance" VALUES(2,23,'present','',51);
INSERT INTO "session_attendance" VALUES(2,7,'present','',52);
INSERT INTO "session_attendance" VALUES(2,19,'present','',53);
INSERT INTO "session_attendance" VALUES(2,35,'present','',54);
INSERT INTO "session_attendance" VALUES(2,6,'present','',55);
INSERT INTO "session_attendance" VALUES(2,2,'present','',56);
INSERT INTO "session_attendance" VALUES(2,14,'leave','出差',57);
INSERT INTO "session_attendance" VALUES(2,26,'present','',58);
INSERT INTO "session_attendance" VALUES(2,10,'present','',59);
INSERT INTO "session_attendance" VALUES(2,18,'present','',60);
INSERT INTO "session_attendance" VALUES(2,22,'absent','',61);
INSERT INTO "session_attendance" VALUES(2,30,'present','',62);
INSERT INTO "session_attendance" VALUES(2,34,'present','',63);
INSERT INTO "session_attendance" VALUES(2,16,'present','',64);
INSERT INTO "session_attendance" VALUES(2,20,'present','',65);
INSERT INTO "session_attendance" VALUES(2,32,'present','',66);
INSERT INTO "session_attendance" VALUES(2,8,'present','',67);
INSERT INTO "session_attendance" VALUES(2,4,'present','',68);
INSERT INTO "session_attendance" VALUES(2,37,'present','',69);
INSERT INTO "session_attendance" VALUES(2,24,'present','',70);
INSERT INTO "session_attendance" VALUES(2,12,'present','',71);
INSERT INTO "session_attendance" VALUES(2,28,'present','',72);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE UNIQUE INDEX members_id_number ON members (id_type, id_number) WHERE id_number IS NOT NULL;
CREATE INDEX members_name_birth ON members (name, birth_date);
CREATE INDEX members_status ON members (status, name_pinyin, search_key);
CREATE INDEX members_department ON members (department);
CREATE INDEX members_pinyin_search ON members (name_pinyin, search_key);
CREATE INDEX membership_events_member ON membership_events (member_id, date, id);
CREATE TRIGGER membership_events_no_delete BEFORE DELETE ON membership_events
BEGIN SELECT RAISE(ABORT, '会籍变动记录不能删除，只能作废'); END;
CREATE TRIGGER membership_events_no_edit BEFORE UPDATE ON membership_events
WHEN OLD.voided_at IS NOT NULL
  OR NEW.member_id IS NOT OLD.member_id OR NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date
  OR NEW.reason IS NOT OLD.reason OR NEW.other_union IS NOT OLD.other_union
  OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '会籍变动记录不能修改，只能作废'); END;
CREATE TRIGGER membership_events_status_ai AFTER INSERT ON membership_events
BEGIN
  UPDATE members SET status = (
    SELECT CASE e.kind
      WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
      WHEN 'retain' THEN 'retained' ELSE 'left' END
    FROM membership_events e
    WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
    ORDER BY e.date DESC, e.id DESC LIMIT 1)
  WHERE id = NEW.member_id;
END;
CREATE TRIGGER membership_events_status_au AFTER UPDATE OF voided_at ON membership_events
BEGIN
  UPDATE members SET status = (
    SELECT CASE e.kind
      WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
      WHEN 'retain' THEN 'retained' ELSE 'left' END
    FROM membership_events e
    WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
    ORDER BY e.date DESC, e.id DESC LIMIT 1)
  WHERE id = NEW.member_id;
END;
CREATE UNIQUE INDEX dues_payments_once ON dues_payments (member_id, period) WHERE voided_at IS NULL;
CREATE INDEX dues_payments_period ON dues_payments (period);
CREATE TRIGGER dues_payments_no_delete BEFORE DELETE ON dues_payments
BEGIN SELECT RAISE(ABORT, '会费记录不能删除，只能作废'); END;
CREATE INDEX delegates_term ON delegates (term_id);
CREATE INDEX agenda_items_session ON agenda_items (session_id, seq);
CREATE UNIQUE INDEX resolution_votes_once ON resolution_votes (resolution_id) WHERE voided_at IS NULL;
CREATE INDEX proposals_state ON proposals (state);
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
BEGIN SELECT RAISE(ABORT, '提案办理记录不能删除'); END;
CREATE TRIGGER resolution_votes_no_delete BEFORE DELETE ON resolution_votes
BEGIN SELECT RAISE(ABORT, '表决结果不能删除，只能作废'); END;
CREATE TRIGGER resolutions_no_delete BEFORE DELETE ON resolutions
BEGIN SELECT RAISE(ABORT, '决议不能删除，只能作废'); END;
CREATE TRIGGER congress_sessions_no_delete_with_votes BEFORE DELETE ON congress_sessions
WHEN EXISTS (SELECT 1 FROM resolutions WHERE session_id = OLD.id)
BEGIN SELECT RAISE(ABORT, '会议已有表决事项，不能删除，只能作废'); END;
CREATE UNIQUE INDEX aid_cases_one_open ON aid_cases (worker_id_number)
    WHERE state NOT IN ('out_of_hardship', 'cancelled');
CREATE INDEX aid_cases_state ON aid_cases (state, tier);
CREATE INDEX aid_household_case ON aid_household (case_id);
CREATE INDEX aid_case_events_case ON aid_case_events (case_id, date);
CREATE TRIGGER aid_case_events_no_delete BEFORE DELETE ON aid_case_events
BEGIN SELECT RAISE(ABORT, '档案事项记录不能删除'); END;
CREATE INDEX aid_payments_case ON aid_payments (case_id);
CREATE INDEX aid_payments_date ON aid_payments (date);
CREATE TRIGGER aid_payments_no_delete BEFORE DELETE ON aid_payments
BEGIN SELECT RAISE(ABORT, '帮扶记录不能删除，只能作废'); END;
CREATE TRIGGER aid_cases_no_delete BEFORE DELETE ON aid_cases
BEGIN SELECT RAISE(ABORT, '困难职工档案不能删除，只能注销'); END;
COMMIT;
