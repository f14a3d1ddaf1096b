// Colours by PLOVER event type: material conflict in reds, verbal conflict in purples,
// cooperation in blues and greens, so the map reads at a glance.

export const TYPE_COLORS = {
  FIGHT: "#ff4d4f",
  ASSAULT: "#c2255c",
  COERCE: "#f76b15",
  MOBILIZE: "#ffb224",
  SANCTION: "#d6409f",
  THREATEN: "#e93d82",
  PROTEST: "#ab4aba",
  ACCUSE: "#8e4ec6",
  REJECT: "#6e56cf",
  REQUEST: "#5b5bd6",
  DEMAND: "#5b5bd6",
  DISAPPROVE: "#9e6ad1",
  INVESTIGATE: "#7c8cf8",
  CONSULT: "#0090ff",
  AGREE: "#3e9bf5",
  SUPPORT: "#12a594",
  COOPERATE: "#46a758",
  AID: "#29a383",
  CONCEDE: "#7ce2b8",
  RETREAT: "#99d52a",
};

const OTHER = "#8b8d98";

export function typeColor(type) {
  return TYPE_COLORS[String(type || "").toUpperCase()] || OTHER;
}

export const KIND_COLORS = {
  state: "#0090ff",
  government: "#3e9bf5",
  military: "#e5484d",
  armed_group: "#f76b15",
  political_party: "#8e4ec6",
  igo: "#12a594",
  ngo: "#46a758",
  media: "#ffb224",
  research: "#99d52a",
  person: "#d6409f",
  civilians: "#e0e0e0",
};

export function kindColor(kind) {
  return KIND_COLORS[kind] || OTHER;
}
