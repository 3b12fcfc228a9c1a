// A CDK app comparable to `consoul preview aws-production` (about 50 resources): a VPC over two zones with NAT,
// an ALB with HTTPS, redirect and preview listeners, blue and green Fargate services with CPU and memory scaling,
// alarms, logs, a secret, the execution role, security groups and an ElastiCache replication group.
// Plain JavaScript, so `cdk synth` pays no TypeScript compile: the yardstick is the CDK's own work.
const cdk = require('aws-cdk-lib');
const { aws_ec2: ec2, aws_ecs: ecs, aws_elasticloadbalancingv2: elb, aws_applicationautoscaling: scaling,
  aws_cloudwatch: cw, aws_logs: logs, aws_secretsmanager: sm, aws_iam: iam, aws_elasticache: ec } = cdk;

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ConsoulProduction');

const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 2, subnetConfiguration: [
  { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
  { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });

const albSg = new ec2.CfnSecurityGroup(stack, 'AlbSg', { vpcId: vpc.vpcId, groupDescription: 'ALB',
  securityGroupIngress: [443, 80, 8443].map(p => ({ ipProtocol: 'tcp', fromPort: p, toPort: p, cidrIp: '0.0.0.0/0' })) });
const serviceSg = new ec2.CfnSecurityGroup(stack, 'ServiceSg', { vpcId: vpc.vpcId, groupDescription: 'tasks',
  securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 8000, toPort: 8000, sourceSecurityGroupId: albSg.attrGroupId }] });
new ec2.CfnSecurityGroupEgress(stack, 'AlbToService', { groupId: albSg.attrGroupId, ipProtocol: 'tcp',
  fromPort: 8000, toPort: 8000, destinationSecurityGroupId: serviceSg.attrGroupId });
const redisSg = new ec2.CfnSecurityGroup(stack, 'RedisSg', { vpcId: vpc.vpcId, groupDescription: 'redis',
  securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 6379, toPort: 6379, sourceSecurityGroupId: serviceSg.attrGroupId }] });

const logGroup = new logs.CfnLogGroup(stack, 'Logs', { logGroupName: 'consoul', retentionInDays: 365 });
const cluster = new ecs.CfnCluster(stack, 'Cluster', { clusterName: 'consoul',
  clusterSettings: [{ name: 'containerInsights', value: 'enabled' }] });
const secret = new sm.CfnSecret(stack, 'AppSecret', { name: 'consoul-app', secretString: '{"apiKeys":"x"}' });
const role = new iam.CfnRole(stack, 'Execution', { assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [
  { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] });
new iam.CfnPolicy(stack, 'ExecutionSecrets', { roles: [role.ref], policyName: 'secrets', policyDocument: {
  Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret.ref }] } });

const redisSubnets = new ec.CfnSubnetGroup(stack, 'RedisSubnets', { description: 'redis',
  subnetIds: vpc.privateSubnets.map(s => s.subnetId) });
const redis = new ec.CfnReplicationGroup(stack, 'Redis', { replicationGroupDescription: 'consoul',
  engine: 'redis', cacheNodeType: 'cache.t4g.medium', numCacheClusters: 2, automaticFailoverEnabled: true,
  multiAzEnabled: true, transitEncryptionEnabled: true, atRestEncryptionEnabled: true,
  cacheSubnetGroupName: redisSubnets.ref, securityGroupIds: [redisSg.attrGroupId] });

const alb = new elb.CfnLoadBalancer(stack, 'Alb', { type: 'application', scheme: 'internet-facing',
  subnets: vpc.publicSubnets.map(s => s.subnetId), securityGroups: [albSg.attrGroupId],
  loadBalancerAttributes: [{ key: 'deletion_protection.enabled', value: 'true' }] });
const certificates = [{ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0' }];
const groups = {};
for (const color of ['blue', 'green']) {
  const tg = new elb.CfnTargetGroup(stack, `${color}Tg`, { port: 8000, protocol: 'HTTP', targetType: 'ip',
    vpcId: vpc.vpcId, healthCheckPath: '/ready', healthCheckIntervalSeconds: 10, healthyThresholdCount: 2,
    targetGroupAttributes: [{ key: 'deregistration_delay.timeout_seconds', value: '30' }] });
  groups[color] = tg;
  const task = new ecs.CfnTaskDefinition(stack, `${color}Task`, { family: `consoul-${color}`, cpu: '1024',
    memory: '2048', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], executionRoleArn: role.attrArn,
    containerDefinitions: [{ name: 'consoul', image: 'ghcr.io/consoul/consoul:0.1.0', essential: true,
      portMappings: [{ containerPort: 8000 }, { containerPort: 9090 }],
      environment: [{ name: 'CONSOUL_REDIS_URL', value: cdk.Fn.join('', ['rediss://', redis.attrPrimaryEndPointAddress, ':6379']) },
        { name: 'CONSOUL_COLOR', value: color }],
      secrets: [{ name: 'CONSOUL_API_KEYS', valueFrom: `${secret.ref}:apiKeys::` }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f localhost:8000/health || exit 1'], interval: 10, retries: 3 },
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logGroup.ref,
        'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': color } } }] });
  const service = new ecs.CfnService(stack, `${color}Service`, { cluster: cluster.ref, launchType: 'FARGATE',
    desiredCount: 2, taskDefinition: task.ref, loadBalancers: [{ containerName: 'consoul', containerPort: 8000,
      targetGroupArn: tg.ref }], networkConfiguration: { awsvpcConfiguration: {
      subnets: vpc.privateSubnets.map(s => s.subnetId), securityGroups: [serviceSg.attrGroupId] } },
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 } });
  const target = new scaling.CfnScalableTarget(stack, `${color}Scaling`, { minCapacity: 2, maxCapacity: 10,
    resourceId: cdk.Fn.join('/', ['service', cluster.ref, service.attrName]), scalableDimension: 'ecs:service:DesiredCount',
    serviceNamespace: 'ecs' });
  for (const [metric, value] of [['ECSServiceAverageCPUUtilization', 70], ['ECSServiceAverageMemoryUtilization', 80]]) {
    new scaling.CfnScalingPolicy(stack, `${color}${metric}`, { policyName: `${color}-${metric}`,
      policyType: 'TargetTrackingScaling', scalingTargetId: target.ref, targetTrackingScalingPolicyConfiguration: {
        targetValue: value, predefinedMetricSpecification: { predefinedMetricType: metric } } });
  }
  for (const [metric, threshold] of [['HTTPCode_Target_5XX_Count', 10], ['UnHealthyHostCount', 1]]) {
    new cw.CfnAlarm(stack, `${color}${metric}`, { namespace: 'AWS/ApplicationELB', metricName: metric,
      statistic: 'Sum', period: 60, evaluationPeriods: 3, threshold, comparisonOperator: 'GreaterThanOrEqualToThreshold',
      dimensions: [{ name: 'TargetGroup', value: tg.attrTargetGroupFullName }, { name: 'LoadBalancer', value: alb.attrLoadBalancerFullName }] });
  }
}
new elb.CfnListener(stack, 'Https', { loadBalancerArn: alb.ref, port: 443, protocol: 'HTTPS', certificates,
  defaultActions: [{ type: 'forward', targetGroupArn: groups.blue.ref }] });
new elb.CfnListener(stack, 'Preview', { loadBalancerArn: alb.ref, port: 8443, protocol: 'HTTPS', certificates,
  defaultActions: [{ type: 'forward', targetGroupArn: groups.green.ref }] });
new elb.CfnListener(stack, 'Redirect', { loadBalancerArn: alb.ref, port: 80, protocol: 'HTTP',
  defaultActions: [{ type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] });
new cdk.CfnOutput(stack, 'Url', { value: cdk.Fn.join('', ['https://', alb.attrDnsName]) });
new cdk.CfnOutput(stack, 'RedisEndpoint', { value: redis.attrPrimaryEndPointAddress });
