/**
 * Error replies the sandbox sends, shaped like Vikunja's (API.md §2): domain errors `{code, message}`,
 * validation 412 `{code:2002, message:"Invalid Data", invalid_fields}`, bare framework errors `{message}`.
 * Handlers throw these; the server renders them for v1, or as problem+json for v2.
 */

/** An error reply. `body` is the v1 JSON body. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
  /** Vikunja's numeric code, when the error has one. */
  readonly apiCode: number | undefined;
  /** Per-field problems (validation and type errors). */
  readonly fields: readonly string[];

  constructor(
    status: number,
    body: Record<string, unknown>,
    options: { headers?: Record<string, string>; fields?: string[] } = {},
  ) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.body = body;
    this.headers = options.headers ?? {};
    this.apiCode = typeof body['code'] === 'number' ? body['code'] : undefined;
    this.fields = options.fields ?? [];
  }
}

/** The Vikunja error codes the sandbox emits. */
export const ApiCode = {
  invalidToken: 11,
  invalidData: 2002,
  invalidTimezone: 2003,
  invalidModel: 2004,
  userNotFound: 1005,
  projectNotFound: 3001,
  projectIdentifierNotUnique: 3007,
  projectArchived: 3008,
  projectPseudoParent: 3009,
  defaultProjectDelete: 3012,
  defaultProjectArchive: 3013,
  viewNotFound: 3014,
  taskTitleEmpty: 4001,
  taskNotFound: 4002,
  bulkNeedsTasks: 4004,
  relationKindInvalid: 4007,
  relationExists: 4008,
  relationNotFound: 4009,
  relationSelf: 4010,
  sortParamInvalid: 4013,
  sortOrderInvalid: 4014,
  commentNotFound: 4015,
  filterFieldInvalid: 4016,
  filterComparatorInvalid: 4017,
  filterConcatInvalid: 4018,
  filterValueInvalid: 4019,
  coverNotOnTask: 4020,
  alreadyAssigned: 4021,
  reminderRelativeMissing: 4022,
  subtaskCycle: 4023,
  filterUnparsable: 4024,
  bulkFieldNotAllowed: 4027,
  repeatAfterRange: 4029,
  bulkCreateCount: 4030,
  bulkCreateItem: 4031,
  labelAlreadyOnTask: 8001,
  labelNotFound: 8002,
  bucketNotFound: 10001,
  bucketNotInView: 10002,
  lastBucket: 10003,
  bucketLimit: 10004,
  oneDoneBucket: 10005,
} as const;

const MESSAGES: Record<number, [number, string]> = {
  [ApiCode.invalidToken]: [401, 'missing, malformed, expired or otherwise invalid token provided'],
  [ApiCode.invalidTimezone]: [400, 'The timezone is invalid.'],
  [ApiCode.userNotFound]: [404, 'The user does not exist.'],
  [ApiCode.projectNotFound]: [404, 'This project does not exist.'],
  [ApiCode.projectIdentifierNotUnique]: [400, 'This project identifier is already in use.'],
  [ApiCode.projectArchived]: [412, 'This project is archived. Editing or creating new tasks is not possible.'],
  [ApiCode.projectPseudoParent]: [412, 'A project cannot belong to a pseudo project.'],
  [ApiCode.defaultProjectDelete]: [412, 'You cannot delete your default project.'],
  [ApiCode.defaultProjectArchive]: [412, 'You cannot archive your default project.'],
  [ApiCode.viewNotFound]: [404, 'This project view does not exist.'],
  [ApiCode.taskTitleEmpty]: [400, 'You must provide at least a task title.'],
  [ApiCode.taskNotFound]: [404, 'This task does not exist'],
  [ApiCode.bulkNeedsTasks]: [400, 'Need at least one task when bulk editing tasks.'],
  [ApiCode.relationKindInvalid]: [400, 'The task relation is invalid.'],
  [ApiCode.relationExists]: [409, 'The task relation already exists.'],
  [ApiCode.relationNotFound]: [404, 'The task relation does not exist.'],
  [ApiCode.relationSelf]: [400, 'You cannot relate a task with itself.'],
  [ApiCode.sortParamInvalid]: [400, 'The task sort param is invalid.'],
  [ApiCode.sortOrderInvalid]: [400, 'The task sort order is invalid.'],
  [ApiCode.commentNotFound]: [404, 'This task comment does not exist'],
  [ApiCode.filterFieldInvalid]: [400, 'The task filter field is invalid.'],
  [ApiCode.filterComparatorInvalid]: [400, 'The task filter comparator is invalid.'],
  [ApiCode.filterConcatInvalid]: [400, 'The task filter concatinator is invalid.'],
  [ApiCode.filterValueInvalid]: [400, 'The task filter value is invalid.'],
  [ApiCode.coverNotOnTask]: [400, 'This attachment does not belong to that task.'],
  [ApiCode.alreadyAssigned]: [400, 'This user is already assigned to that task.'],
  [ApiCode.reminderRelativeMissing]: [400, 'Please provide what the reminder date is relative to'],
  [ApiCode.subtaskCycle]: [409, 'This subtask relation would create a cycle.'],
  [ApiCode.filterUnparsable]: [400, 'The filter is invalid.'],
  [ApiCode.bulkFieldNotAllowed]: [400, 'This field cannot be updated in bulk.'],
  [ApiCode.repeatAfterRange]: [400, 'repeat_after must be between 0 and 315360000 seconds (10 years).'],
  [ApiCode.bulkCreateCount]: [400, 'A bulk create request must contain between 1 and 100 tasks.'],
  [ApiCode.bulkCreateItem]: [400, 'A task in the bulk create request is invalid.'],
  [ApiCode.labelAlreadyOnTask]: [400, 'This label already exists on the task.'],
  [ApiCode.labelNotFound]: [404, 'This label does not exist.'],
  [ApiCode.bucketNotFound]: [404, 'This bucket does not exist.'],
  [ApiCode.bucketNotInView]: [400, 'This bucket does not belong to that project view.'],
  [ApiCode.lastBucket]: [412, 'You cannot remove the last bucket on this project view.'],
  [ApiCode.bucketLimit]: [
    412,
    'You cannot add the task to this bucket as it already exceeded the limit of tasks it can hold.',
  ],
  [ApiCode.oneDoneBucket]: [412, 'There can be only one done bucket per project view.'],
};

/** A Vikunja domain error `{code, message}` with its usual HTTP status; `message` overrides the default text. */
export function apiError(code: number, message?: string): HttpError {
  const known = MESSAGES[code];
  const status = known?.[0] ?? 400;
  return new HttpError(status, { code, message: message ?? known?.[1] ?? 'Error' });
}

/** Validation failure: 412 with `invalid_fields` ("field: reason"). */
export function invalidData(fields: string[]): HttpError {
  return new HttpError(412, { code: ApiCode.invalidData, message: 'Invalid Data', invalid_fields: fields }, { fields });
}

/** Body or parameter could not be bound: 400 code 2004. */
export function invalidModel(detail: string): HttpError {
  return new HttpError(400, { code: ApiCode.invalidModel, message: `Invalid model provided: ${detail}` });
}

/** Framework-level error with a bare `{message}` body (router 404, 405, 429…). */
export function bareError(status: number, message: string, headers?: Record<string, string>): HttpError {
  return new HttpError(status, { message }, headers === undefined ? {} : { headers });
}

/** Permission check failed: 403 `{"code":0,"message":"Forbidden"}`. */
export function forbidden(): HttpError {
  return new HttpError(403, { code: 0, message: 'Forbidden' });
}

/** 401 code 11, the same body for every token problem. */
export function invalidToken(): HttpError {
  return apiError(ApiCode.invalidToken);
}

/** Router miss: 404 `{"message":"Not Found"}`. */
export function routeNotFound(): HttpError {
  return bareError(404, 'Not Found');
}

/**
 * Vikunja 0.24's shapes for the same errors (API.md §18.3–5): 401 without code 11, bind errors 400 without
 * code 2004, validation 400 "Struct is invalid" without code 2002 or `invalid_fields`. Other errors unchanged.
 */
export function legacyShape(error: HttpError): HttpError {
  const headers = { ...error.headers };
  if (error.apiCode === ApiCode.invalidToken) {
    return new HttpError(401, { message: 'missing, malformed, expired or otherwise invalid token provided' }, { headers });
  }
  if (error.apiCode === ApiCode.invalidModel) {
    const message = typeof error.body['message'] === 'string' ? error.body['message'] : 'Invalid model provided.';
    return new HttpError(400, { message }, { headers });
  }
  if (error.apiCode === ApiCode.invalidData) {
    return new HttpError(400, { message: 'Struct is invalid. Invalid Data' }, { headers });
  }
  return error;
}
