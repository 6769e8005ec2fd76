import { describe, expect, it } from 'vitest'
import aws from '../../src/deploys/aws.js'
import { splitArgs } from '../../src/deploys/argv.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('aws', () => {
  it.each([
    ['aws ecs update-service --cluster prod --service api --force-new-deployment', 'production'],
    ['aws --region eu-west-1 ecs update-service --cluster main --service api --task-definition api:42', 'production'],
    ['aws ecs deploy --service api --task-definition td.json --codedeploy-appspec appspec.yaml', 'production'],
    ['aws elasticbeanstalk update-environment --environment-name shop-prod --version-label v42', 'production'],
    ['aws elasticbeanstalk create-application-version --application-name shop --version-label v42', 'production'],
    ['aws lambda update-function-code --function-name api --zip-file fileb://api.zip', 'production'],
    ['aws deploy create-deployment --application-name shop --deployment-group-name shop-prod', 'production'],
    ['eb deploy shop-prod', 'production'],
    ['eb deploy --staged', 'production'],
    ['sam deploy --stack-name shop --no-confirm-changeset', 'production'],
    ['sam deploy --parameter-overrides Stage=prod', 'production'],
    ['cdk deploy --all --require-approval never', 'production'],
    ['cdk deploy ShopStack-prod', 'production'],
    ['copilot deploy --env prod', 'production'],
    ['copilot svc deploy --name api --env production', 'production'],
    ['aws ecs update-service --cluster staging --service api --force-new-deployment', 'not-production'],
    ['aws ecs update-service --cluster main --service api-dev --task-definition api:42', 'not-production'],
    ['aws elasticbeanstalk update-environment --environment-name shop-staging --version-label v42', 'not-production'],
    ['eb deploy shop-staging', 'not-production'],
    ['sam deploy --config-env staging', 'not-production'],
    ['sam deploy --stack-name shop --parameter-overrides Stage=dev', 'not-production'],
    ['cdk deploy ShopStack-staging --require-approval never', 'not-production'],
    ['cdk deploy --all -c stage=dev', 'not-production'],
    ['aws lambda update-function-code --function-name api-test --zip-file fileb://api.zip', 'not-production'],
    ['copilot svc deploy --name api --env test', 'not-production'],
    ['copilot deploy', 'unknown'],
    ['aws ecs update-service --cluster prod --service api --desired-count 0', undefined],
    ['aws s3 sync dist s3://bucket', undefined],
    ['aws ecs describe-services --cluster prod --services api', undefined],
    ['aws ecr get-login-password', undefined],
    ['cdk synth', undefined],
    ['cdk diff ShopStack-prod', undefined],
    ['sam build', undefined],
    ['eb status', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(aws.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['aws-actions/amazon-ecs-deploy-task-definition@v2', { 'task-definition': 'td.json', service: 'api', cluster: 'prod' }, 'production'],
    ['aws-actions/amazon-ecs-deploy-task-definition@v2', { 'task-definition': 'td.json', service: 'api', cluster: 'staging' }, 'not-production'],
    ['aws-actions/amazon-ecs-deploy-task-definition@v2', { 'task-definition': 'td.json' }, undefined],
    ['einaregilsson/beanstalk-deploy@v22', { application_name: 'shop', environment_name: 'Shop-env' }, 'production'],
    ['einaregilsson/beanstalk-deploy@v22', { application_name: 'shop', environment_name: 'shop-staging' }, 'not-production'],
    ['aws-actions/configure-aws-credentials@v4', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(aws.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
