/**
 * The neutral view model: platform-neutral, already localized. Builders in this folder produce it from
 * the domain state; one renderer per platform (Slack Block Kit, Feishu card JSON, HTML, text) turns it
 * into platform JSON and applies that platform's size limits.
 */
import type { DeadlineKind, Locale } from '../../config/schema.ts';
import { ACTIONS, type Action } from '../../workflows/model.ts';

/** The directory lookups views need (structurally satisfied by `Directory` from src/config/directory.ts). */
export interface ViewDirectory {
  displayName(id: string, locale: Locale): string;
  departmentName(key: string, locale: Locale): string;
  categoryName(key: string, locale: Locale): string;
  /** The category's routing (config `categories`), when known: the card names its co-owning department. */
  category?(key: string): { department: string; coOwner?: string | undefined } | undefined;
  /** Role key or `gm`. */
  roleName(key: string, locale: Locale): string;
}

/** What every view builder needs; `now` comes from the injected clock (views never read the clock). */
export interface ViewContext {
  locale: Locale;
  now: Date;
  /** The organisation's IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
  directory: ViewDirectory;
}

export type Tone = 'normal' | 'warning' | 'danger' | 'success';

export type DeadlineState = 'pending' | 'met' | 'overdue' | 'met_late' | 'cancelled';

export interface DeadlineLine {
  kind: DeadlineKind;
  label: string;
  dueAt: Date;
  /** Local time in the organisation's time zone, e.g. "2026-03-03 10:00". */
  dueText: string;
  state: DeadlineState;
  /** "due in 3 h 20 min", "overdue by 2 d 4 h", "met at …", … */
  timeLeftText: string;
}

export interface ActionButton {
  action: Action;
  label: string;
  style: 'primary' | 'danger' | 'default';
  /** The complaint id. */
  value: string;
}

export interface CardField {
  label: string;
  value: string;
  /** Short enough to sit beside another field (two columns). */
  short?: boolean;
}

export interface CardView {
  kind: 'complaint';
  complaintId: string;
  number: string;
  title: string;
  status: string;
  statusLabel: string;
  urgent: boolean;
  tone: Tone;
  summary: string;
  fields: CardField[];
  deadlines: DeadlineLine[];
  actions: ActionButton[];
  footer?: string;
  /**
   * Set when the complaint has moved to another department since this card was posted (a
   * reassignment): the card says where it went and carries no buttons.
   */
  movedTo?: MovedTo;
}

/** Where a reassigned complaint went, for the card left behind in the old department's channel. */
export interface MovedTo {
  /** "Moved to" in the card's language. */
  label: string;
  /** The new department's name. */
  department: string;
  /** The new department's channel on the platform the card is drawn for (a Slack channel is mentioned). */
  channel?: string;
}

export interface TimelineItem {
  at: Date;
  atText: string;
  actor: string;
  text: string;
}

export interface TimelineView {
  title: string;
  items: TimelineItem[];
}

export interface ListItem {
  complaintId: string;
  number: string;
  title: string;
  statusLabel: string;
  department: string;
  /** The most pressing active deadline, e.g. "8D report: due in 2 d 3 h". */
  dueText?: string;
  /** Every running deadline with its time left (task lists), when asked for. */
  deadlines?: DeadlineLine[];
  overdue: boolean;
}

export interface ListView {
  title: string;
  items: ListItem[];
  emptyText?: string;
  totalText: string;
}

/** One thing a complaint needs from the viewer ("my tasks"), with its due time when a deadline runs for it. */
export interface TaskNeed {
  action: Action;
  /** "Approve claim ¥8,600.00", "Submit the 8D report". */
  text: string;
  dueAt?: Date;
  /** "by 2026-03-11 09:30, due in 9 d". */
  dueText?: string;
  overdue: boolean;
  /** The need with its due time, as one line. */
  line: string;
}

/** A complaint waiting for the viewer: what it needs from them (most pressing first) and the button for it. */
export interface TaskItem {
  complaintId: string;
  number: string;
  title: string;
  statusLabel: string;
  department: string;
  /** One need, or every approval the viewer may decide on it (one form decides each). Never empty. */
  needs: TaskNeed[];
  /** The step of the first need: the card's button for it (its form opens). */
  button: ActionButton;
  /** Every running deadline of the complaint with its time left. */
  deadlines: DeadlineLine[];
  overdue: boolean;
}

export interface TasksView {
  title: string;
  items: TaskItem[];
  emptyText?: string;
  totalText: string;
  /** The label of each item's button that opens the complaint. */
  showLabel: string;
}

/** Forms: filing, and one per action (every action takes input). */
export const FORM_IDS = ['file', ...ACTIONS] as const;
export type FormId = (typeof FORM_IDS)[number];

export type FormFieldKind = 'text' | 'textarea' | 'select' | 'multiselect' | 'number' | 'date' | 'datetime' | 'checkbox' | 'person';

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  /** Same as the input schema key in src/workflows/inputs.ts. */
  name: string;
  kind: FormFieldKind;
  label: string;
  placeholder?: string;
  help?: string;
  required: boolean;
  maxLength?: number;
  options?: FormOption[];
  initial?: string | string[] | boolean;
}

export interface FormView {
  id: FormId;
  title: string;
  /** The title without the complaint number, for tight places (Slack's 24-character modal titles). */
  shortTitle: string;
  submitLabel: string;
  closeLabel: string;
  complaintId?: string;
  fields: FormField[];
  /** Field name → localized message. */
  errors?: Record<string, string>;
  notice?: string;
}

/** A bar per category (complaint count) with its on-time rate as a line; rendered to SVG or PNG (render/chart.ts). */
export interface ChartView {
  title: string;
  /** The chart's figures as text, for readers and places without images. */
  alt: string;
  countLabel: string;
  rateLabel: string;
  bars: Array<{ label: string; count: number; /** 0–1, or null with nothing due yet. */ rate: number | null }>;
  /** File name without extension, e.g. `kesu-2026-03`. */
  fileName: string;
}

/** Buttons a message that is not about a complaint may carry (the interaction core answers them: Interactions.messageButton). */
export const MESSAGE_BUTTONS = ['sign_statement'] as const;
export type MessageButtonId = (typeof MESSAGE_BUTTONS)[number];

/** A button on such a message: what it does and its value (the statement's month). */
export interface MessageButton {
  id: MessageButtonId;
  value: string;
  label: string;
  style: 'primary' | 'default';
}

/** A file a message carries, named by what it is drawn from. */
export interface AttachmentRef {
  statement: string;
  /** The person the file is drawn for (what they may see of it). */
  reader: string;
}

export interface MessageView {
  text: string;
  tone?: Tone;
  card?: CardView;
  /** An image sent with the message (reports, /complaint stats). */
  chart?: ChartView;
  /**
   * A file sent with the message, by reference: drawn at delivery from what is stored (the month's
   * accountability statement as .xlsx, as far as `reader` may see it), never kept in the outbox.
   */
  attachment?: AttachmentRef;
  /** Buttons under the text (a message not about a complaint: the GM's Sign on a statement). */
  buttons?: MessageButton[];
  /**
   * The same message in each language, for a person without a configured locale: written when the
   * writer cannot know the language the person reads (Slack's user locale is asked at delivery), and
   * picked by the dispatcher through the deliverer's `localeOf`. The outer fields are the default
   * (the organisation's language).
   */
  byLocale?: Partial<Record<Locale, MessageView>>;
  /**
   * For a complaint card: the department whose channel (or heads) it was written for. A card drawn
   * after the complaint moved to another department says where it went (see CardView.movedTo).
   */
  department?: string;
}
