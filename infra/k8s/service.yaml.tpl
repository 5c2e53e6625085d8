# Template for one domain service (grids, clues, petitions, indicators): render with
#   sed "s/__APP__/grids/g; s/__PORT__/4001/g" infra/k8s/service.yaml.tpl | kubectl apply -f -
# Configuration comes from the ConfigMap pgov-common and the Secret __APP__-db (DATABASE_URL);
# see README.md "Configuration". Replicas are stateless: Kafka spreads partitions over them.
apiVersion: batch/v1
kind: Job
metadata:
  name: __APP__-migrate
  labels: { app.kubernetes.io/name: __APP__, app.kubernetes.io/component: migration }
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: pgov/__APP__:latest
          command: ["node", "libs/prisma-offline/bin/prisma.cjs", "migrate", "deploy", "--config", "apps/__APP__/prisma.config.ts"]
          envFrom: [{ secretRef: { name: __APP__-db } }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: __APP__
  labels: { app.kubernetes.io/name: __APP__, app.kubernetes.io/part-of: pgov }
spec:
  replicas: 2
  selector: { matchLabels: { app.kubernetes.io/name: __APP__ } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: __APP__, app.kubernetes.io/part-of: pgov }
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: __APP__
          image: pgov/__APP__:latest
          ports: [{ name: http, containerPort: __PORT__ }]
          env:
            - { name: PORT, value: "__PORT__" }
            - { name: HOST, value: "0.0.0.0" }
          envFrom:
            - configMapRef: { name: pgov-common }
            - secretRef: { name: __APP__-db }
            # Services holding personal numbers (grids): PERSONAL_DATA_KEYS, _ACTIVE_KEY, _HASH_KEY.
            - secretRef: { name: __APP__-personal-data, optional: true }
          volumeMounts: [{ name: idp-key, mountPath: /etc/pgov/idp, readOnly: true }]
          readinessProbe: { httpGet: { path: /readyz, port: http }, periodSeconds: 5 }
          livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 10 }
          resources:
            requests: { cpu: 100m, memory: 256Mi }
            limits: { memory: 512Mi }
      volumes:
        # The identity provider's public key (or JWKS) that verifies bearer tokens.
        - { name: idp-key, configMap: { name: pgov-idp-key } }
---
apiVersion: v1
kind: Service
metadata:
  name: __APP__
spec:
  selector: { app.kubernetes.io/name: __APP__ }
  ports: [{ name: http, port: 80, targetPort: http }]
