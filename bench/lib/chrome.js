// Sites (with their header/footer boilerplate), people and dates for the
// benchmark corpus.

/** @typedef {import("./prng.js").Rng} Rng */

export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Daniel", "Nancy", "Matthew", "Margaret", "Anthony", "Sandra", "Mark", "Ashley", "Donald", "Dorothy",
  "Paul", "Kimberly", "Steven", "Emily", "Andrew", "Donna", "Kenneth", "Michelle", "George", "Carol",
  "Edward", "Amanda", "Brian", "Melissa", "Ronald", "Deborah", "Timothy", "Stephanie", "Jason", "Rebecca",
  "Amara", "Kwame", "Ingrid", "Tomasz", "Lucia", "Rafael", "Yuki", "Anders", "Fatima", "Dmitri",
];

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
  "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
  "Okafor", "Lindqvist", "Kowalski", "Moreau", "Tanaka", "Haddad", "Petrov", "Mensah", "Vitorino", "Ferreira",
  "Gallagher", "Whitfield", "Brennan", "Castellano", "Abernathy", "Pemberton", "Osei", "Novak", "Santos", "Dubois",
];

const SITE_PREFIX = [
  "North", "South", "East", "West", "River", "Lake", "Harbor", "Valley", "Mountain", "Prairie", "Coastal",
  "Capital", "Metro", "Island", "Pine", "Oak", "Maple", "Cedar", "Granite", "Silver", "Golden", "Red Hill",
  "Blue Ridge", "Green Bay", "Summit", "Bayside", "Bridgeport", "Union", "Liberty", "Frontier", "Midland",
  "Lakeshore", "Highland", "Seaview", "Ironwood", "Fairview", "Stonebridge", "Elm Street", "Crescent", "Westbrook",
];
const SITE_SUFFIX = [
  "Ledger", "Herald", "Gazette", "Tribune", "Chronicle", "Courier", "Observer", "Post", "Times", "Dispatch",
  "Sentinel", "Journal", "Review", "Monitor", "Bulletin", "Daily", "Voice", "Record", "Register", "Beacon",
  "Star", "Press", "Report", "Wire", "Digest", "News Online", "Mirror", "Standard", "Telegraph", "Examiner",
];
const TLD = [".com", ".com", ".org", ".net", ".news", ".co"];
const SECTIONS = [
  "News", "Local", "World", "Politics", "Business", "Sports", "Opinion", "Culture", "Science", "Health",
  "Education", "Religion", "Arts", "Books", "Travel", "Food", "Weather", "Obituaries", "Classifieds",
  "Events", "Podcasts", "Video", "About", "Contact", "Subscribe", "Editor's Choice", "Features", "Lifestyle",
];
const NAV_SEP = [" | ", " · ", " / ", "  ", " • ", " - "];
const SHARE = ["Facebook", "Twitter", "LinkedIn", "Email", "WhatsApp", "Print", "Reddit", "Telegram", "Pinterest"];
const ROLES = ["managing editor", "news editor", "editor-in-chief", "senior correspondent", "publisher", "features editor"];

const POLICY_1 = [
  "We welcome comments that add to the discussion.",
  "Comments are moderated and may take some time to appear.",
  "{site} encourages readers to join the conversation.",
  "Readers are invited to share their views below.",
  "We value a lively and respectful debate.",
  "All comments are approved by our editors before they are posted.",
  "Join the discussion, but please read our rules first.",
];
const POLICY_2 = [
  "We never censor based on political or ideological points of view, but we do try to maintain a sensible balance between free speech and responsible moderating.",
  "Please keep your remarks civil and on topic.",
  "Personal attacks, profanity and spam will be removed without notice.",
  "We reserve the right to remove any comment at our discretion.",
  "Comments that are defamatory, abusive or off-topic will be deleted.",
  "Do not post personal information about yourself or others.",
  "We will delete comments that violate or infringe the rights of any person, are defamatory or harassing or include personal attacks.",
];
const POLICY_3 = [
  "The comments on this page do not necessarily reflect the views of {site}.",
  "Opinions expressed in the comments belong to their authors and not to {site}.",
  "{site} is not responsible for the content of reader comments.",
  "By commenting you agree to our terms of use and privacy policy.",
  "Repeat offenders will be blocked from commenting.",
  "Links to outside websites may be removed.",
];
const POLICY_4 = [
  "See our full comment policy for details.",
  "Questions about moderation can be sent to {email}.",
  "Thank you for helping us keep {site} a welcoming place.",
  "Comments close fourteen days after publication.",
  "Please report inappropriate comments to our moderators.",
  "Comments are limited to 400 words.",
];
const POLICY_HEAD = ["Comment policy", "Leave a Reply", "Comments", "Join the conversation", "Disclaimer", ""];
const RELATED_HEAD = ["Related posts", "Related Posts", "You may also like", "Read more", "More from {site}", "Recommended"];
const BULLETS = ["- ", "* ", "• ", "", "» "];

const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

/** Days since 1970-01-01 of the date range used for articles. */
export const DAY_MIN = Math.floor(Date.UTC(2019, 0, 1) / 86400000);
export const DAY_MAX = Math.floor(Date.UTC(2023, 11, 31) / 86400000);

/**
 * @param {number} day days since epoch
 * @param {number} fmt 0: July 30, 2022; 1: 30 July 2022; 2: 2022-07-30; 3: 30.07.2022
 */
export function formatDate(day, fmt) {
  const d = new Date(day * 86400000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dd = d.getUTCDate();
  const p2 = (/** @type {number} */ n) => String(n).padStart(2, "0");
  switch (fmt) {
    case 0: return `${MONTHS[m]} ${dd}, ${y}`;
    case 1: return `${dd} ${MONTHS[m]} ${y}`;
    case 2: return `${y}-${p2(m + 1)}-${p2(dd)}`;
    default: return `${p2(dd)}.${p2(m + 1)}.${y}`;
  }
}

/** @param {number} day */
export function isoDate(day) {
  return formatDate(day, 2);
}

/**
 * Unique person names.
 */
export class Names {
  /** @param {Rng} rng */
  constructor(rng) {
    this.rng = rng;
    /** @type {Set<string>} */
    this.used = new Set();
  }

  /** @returns {string} */
  next() {
    for (let i = 0; ; i++) {
      let name = `${this.rng.pick(FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
      if (i > 50) name = `${this.rng.pick(FIRST_NAMES)} ${String.fromCharCode(65 + this.rng.int(26))}. ${this.rng.pick(LAST_NAMES)}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/**
 * @typedef {object} Site
 * @property {number} index
 * @property {string} dir            "site-07"
 * @property {string} name
 * @property {string} domain
 * @property {"curly"|"straight"} style
 * @property {number} dateFmt
 * @property {number} datelineTpl
 * @property {number} noDate         chance an article shows no date
 * @property {number} mdShare        chance an article is a .md file
 * @property {string[]} staff
 * @property {string[]} header       blocks at the top
 * @property {string[]} footerBefore blocks of the footer before the related posts
 * @property {string[]} footerAfter  blocks after the related posts
 * @property {string} relatedHead
 * @property {string} bullet
 * @property {number} weight
 * @property {string[]} pool         titles of "popular" articles of this site
 */

/**
 * Make the sites and their boilerplate.
 * @param {number} n
 * @param {Rng} rng
 * @param {Names} names
 * @param {(genre: string) => string} sentence a prose sentence (curly style)
 * @param {string[]} genres
 * @returns {Site[]}
 */
export function makeSites(n, rng, names, sentence, genres) {
  /** @type {Set<string>} */
  const usedNames = new Set();
  /** @type {Site[]} */
  const sites = [];
  const order = rng.shuffle([...Array(n).keys()]);
  for (let i = 0; i < n; i++) {
    let name;
    do {
      name = `${rng.chance(0.4) ? "The " : ""}${rng.pick(SITE_PREFIX)} ${rng.pick(SITE_SUFFIX)}`;
    } while (usedNames.has(name.replace(/^The /, "")));
    usedNames.add(name.replace(/^The /, ""));
    const bare = name.replace(/^The /, "");
    const domain = bare.toLowerCase().replace(/[^a-z]+/g, "") + rng.pick(TLD);
    const style = rng.chance(0.5) ? "curly" : "straight";
    const fix = (/** @type {string} */ s) => (style === "straight" ? s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s*\u2014\s*/g, " -- ") : s.replace(/'/g, "\u2019"));
    const staff = Array.from({ length: rng.range(2, 4) }, () => names.next());
    const editor = /** @type {string} */ (staff[0]);
    const email = `comments@${domain}`;
    const sub = (/** @type {string} */ s) => s.replace(/\{site\}/g, bare).replace(/\{email\}/g, email);

    // header
    /** @type {string[]} */
    const header = [];
    if (rng.chance(0.25)) header.push("Skip to content");
    const taglines = [
      `${name}`,
      `${name} — news you can use`,
      `${name}: independent journalism since ${rng.range(1921, 2012)}`,
      `${name} | ${domain}`,
    ];
    header.push(fix(rng.pick(taglines)));
    const secs = rng.sample(SECTIONS, rng.range(5, 9));
    header.push(fix(["Home", ...secs].join(rng.pick(NAV_SEP))));
    if (rng.chance(0.3)) header.push(fix(rng.pick(["Breaking News", "Latest", "Menu", "Search", "Log in | Register"])));

    // footer blocks
    const genre = rng.pick(genres);
    const share = `${rng.pick(["Share this:", "Share:", "Share this article", "Spread the word:"])} ${rng
      .sample(SHARE, rng.range(3, 6))
      .join(rng.pick([" | ", " · ", ", ", " "]))}`;
    const author =
      `${rng.pick(["About the author", "About Author", "About the Author", "The author"])}\n` +
      `${editor} is the ${rng.pick(ROLES)} of ${bare}. ${sentence(genre)} ${rng.pick([
        `Follow ${editor.split(" ")[0]} on Twitter at @${editor.replace(/[^A-Za-z]/g, "").toLowerCase()}.`,
        `Write to ${editor.split(" ")[0]} at ${editor.split(" ")[0]?.toLowerCase()}@${domain}.`,
        `${editor.split(" ")[0]} has been with ${bare} for ${rng.range(3, 25)} years.`,
      ])}`;
    const pol = [rng.pick(POLICY_1), ...rng.sample(POLICY_2, rng.range(1, 2)), rng.pick(POLICY_3)];
    if (rng.chance(0.6)) pol.push(rng.pick(POLICY_4));
    const head = rng.pick(POLICY_HEAD);
    const policy = (head ? head + "\n" : "") + sub(pol.join(" "));
    const year = rng.range(2012, 2023);
    const copyright = rng.chance(0.3)
      ? `Copyright ${year} ${bare}, ${rng.pick(LAST_NAMES).toUpperCase()} MEDIA INC. All Rights Reserved. This material may not be published, broadcast, rewritten or distributed.`
      : `${rng.pick(["©", "Copyright ©", "(c)"])} ${year}${rng.chance(0.5) ? "-" + (year + rng.range(1, 5)) : ""} ${bare}. All rights reserved.`;
    /** @type {string[]} */
    const blocks = [share, author, policy];
    if (rng.chance(0.5)) blocks.push("Your email address will not be published. Required fields are marked *");
    if (rng.chance(0.4)) blocks.push(`Sign up for the ${bare} newsletter and get the day's top stories in your inbox every morning.`);
    rng.shuffle(blocks);
    const cut = rng.int(blocks.length + 1);
    sites.push({
      index: i,
      dir: `site-${String(i + 1).padStart(2, "0")}`,
      name,
      domain,
      style,
      dateFmt: rng.int(4),
      datelineTpl: rng.int(5),
      noDate: rng.chance(0.1) ? 1 : rng.pick([0.05, 0.1, 0.15]),
      mdShare: rng.pick([0.2, 0.35, 0.5, 0.65, 0.8]),
      staff,
      header,
      footerBefore: blocks.slice(0, cut).map(fix),
      footerAfter: [...blocks.slice(cut).map(fix), fix(copyright)],
      relatedHead: fix(sub(rng.pick(RELATED_HEAD))),
      bullet: rng.pick(BULLETS),
      weight: 1 / Math.pow(/** @type {number} */ (order[i]) + 1, 0.9),
      pool: [],
    });
  }
  return sites;
}

/**
 * The dateline of an article in its site's format.
 * @param {Site} site
 * @param {string} author
 * @param {number|null} day
 * @returns {string|null}
 */
export function dateline(site, author, day) {
  const dash = site.style === "curly" ? " \u2014 " : " -- ";
  if (day === null) {
    return site.datelineTpl % 2 === 0 ? `By ${author}` : null;
  }
  const date = formatDate(day, site.dateFmt);
  switch (site.datelineTpl) {
    case 0: return date;
    case 1: return `By ${author} | ${date}`;
    case 2: return `Posted on ${date} by ${author}`;
    case 3: return `${author}${dash}${date}`;
    default: return `Published ${date}`;
  }
}
