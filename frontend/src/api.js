// The dashboard's only way to the server: GET helpers over /api and the one authenticated POST.

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) q.set(key, value.join(","));
    } else q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function get(path, params) {
  const res = await fetch(`/api${path}${query(params)}`, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(await errorText(res));
  return res.json();
}

export async function post(path, body, token) {
  const res = await fetch(`/api${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(await errorText(res));
  return res.json();
}

async function errorText(res) {
  try {
    const data = await res.json();
    return typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
  } catch {
    return `${res.status} ${res.statusText}`;
  }
}
