/* global self */
// The portal's service worker: shows the notifications the server pushes. Every string comes from
// the payload (rendered by the server in the patient's language): {title, body, url}, url a path.
self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const url = typeof data.url === 'string' && data.url.startsWith('/') ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(String(data.title || ''), {
      body: String(data.body || ''),
      data: { url },
      icon: '/favicon.svg',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data && event.notification.data.url;
  // Only a path on this origin is ever opened.
  const target = new URL(
    typeof path === 'string' && path.startsWith('/') ? path : '/',
    self.location.origin,
  );
  event.waitUntil(self.clients.openWindow(target.href));
});
